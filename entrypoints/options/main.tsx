// Wiring only: the page lives in components/OptionsForm.tsx.
import { render } from 'preact';
import { OptionsForm } from '../../components/OptionsForm';
import './style.css';

render(<OptionsForm />, document.getElementById('app')!);
