// The hostile fixtures through every LSP feature, with the server in this process (see hostile.ts).
import { describe } from 'vitest';
import { hostileSuite } from './hostile';

describe('hostile fixtures through every LSP feature', () => hostileSuite('in-process'));
