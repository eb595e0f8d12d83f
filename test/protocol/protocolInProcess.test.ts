// The protocol flow (flow.ts) with the server in this process, over in-memory streams.
import { protocolFlow } from './flow';

protocolFlow('in-process');
