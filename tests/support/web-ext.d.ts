/** The part of web-ext's Node API the tests use (web-ext ships no types). */
declare module 'web-ext' {
  interface LintParams {
    sourceDir: string;
    output?: 'json' | 'text' | 'none';
    boring?: boolean;
    selfHosted?: boolean;
    warningsAsErrors?: boolean;
  }
  const webExt: {
    cmd: { lint(params: LintParams, options?: { shouldExitProgram?: boolean }): Promise<unknown> };
  };
  export default webExt;
}
