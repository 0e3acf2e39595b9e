import { bundledSchema } from '../schema/bundled';

/** The bundled CLC schema (`schemas/clc/clc.json`), loaded once. */
export const clcSchema = bundledSchema('clc', 'clc.json');
