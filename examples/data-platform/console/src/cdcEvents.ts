// Live CDC event feed for the console: a bounded buffer fed by the ops websocket.
// @adr 7 — events carry the connector offset so the console can show how far each connector has read.

export interface CdcEvent {
  connector: string;
  table: string;
  op: 'c' | 'u' | 'd' | 'r';
  /** Debezium source offset: WAL LSN for Postgres, binlog file and position for MySQL. */
  offset: string;
  tsMs: number;
}

export type CdcEventSink = (event: CdcEvent) => void;

export function createCdcEventSink(capacity: number, onOverflow: (dropped: number) => void): {
  cdcEventSink: CdcEventSink;
  drain: () => CdcEvent[];
} {
  let buffer: CdcEvent[] = [];
  let dropped = 0;
  const cdcEventSink: CdcEventSink = (event) => {
    // Snapshot reads ('r') can arrive by the thousand; keep the newest events rather than blocking the socket.
    if (buffer.length >= capacity) {
      buffer.shift();
      onOverflow(++dropped);
    }
    buffer.push(event);
  };
  const drain = (): CdcEvent[] => {
    const events = buffer;
    buffer = [];
    return events;
  };
  return { cdcEventSink, drain };
}
