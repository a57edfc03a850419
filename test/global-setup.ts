import { codegen } from '../scripts/codegen.mjs';

/** The precompiled schema validator is generated code; make sure it exists before tests import it. */
export default function setup(): void {
  codegen();
}
