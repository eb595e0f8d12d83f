// The hostile fixtures through every LSP feature, to the spawned `node server/out/main.js --stdio` (see hostile.ts).
import { describe } from 'vitest';
import { hostileSuite } from './hostile';

describe('hostile fixtures through every LSP feature, spawned', () => hostileSuite('spawned'));
