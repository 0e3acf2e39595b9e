import { bundledSchema } from '../schema/bundled';

/** The bundled k3OS schema (`schemas/k3os/k3os.json`), loaded once. */
export const k3osSchema = bundledSchema('k3os', 'k3os.json');
