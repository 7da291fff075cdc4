import { BI_HOST_PATTERNS } from '../../lib/adapters/hosts';
export default defineContentScript({ matches: BI_HOST_PATTERNS, main() {} });
