// The protocol flow (flow.ts) against the bundled server, spawned as `node server/out/main.js --stdio`.
import { protocolFlow } from './flow';

protocolFlow('spawned');
