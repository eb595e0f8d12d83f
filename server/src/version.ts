// The product's version, read from package.json when the bundles are built (esbuild keeps only this field): the
// command line's --version, the language server's serverInfo and the SARIF report's tool version all say this.
import { version } from '../../package.json';

export const ARCHLENS_VERSION: string = version;
