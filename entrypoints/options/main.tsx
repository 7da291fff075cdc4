// Wiring only: the page lives in components/OptionsForm.tsx.
import { render } from 'preact';
import { OptionsForm } from '../../components/OptionsForm';
import { BI_HOST_PATTERNS } from '../../lib/adapters/hosts';
import './style.css';

render(<OptionsForm coveredHostPatterns={BI_HOST_PATTERNS} />, document.getElementById('app')!);
