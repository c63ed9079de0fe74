// Reads a Server-Sent Events body as the browser would (HTML Standard §9.2.6): fields per
// line, an event per blank line, comments (": ping") kept apart so heartbeats can be counted.

export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

export class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private text = '';
  readonly comments: string[] = [];
  retry?: number;

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** The next event, or null when the stream ended; rejects after timeoutMs. */
  async next(timeoutMs = 5_000): Promise<SseMessage | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.text.indexOf('\n\n');
      if (at >= 0) {
        const block = this.text.slice(0, at);
        this.text = this.text.slice(at + 2);
        const msg: SseMessage = { event: 'message', data: '' };
        const data: string[] = [];
        let any = false;
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) { this.comments.push(line.slice(1).trim()); continue; }
          const i = line.indexOf(':');
          const field = i < 0 ? line : line.slice(0, i);
          const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
          if (field === 'data') { data.push(value); any = true; } else if (field === 'id') msg.id = value;
          else if (field === 'event') msg.event = value;
          else if (field === 'retry') this.retry = Number(value);
        }
        if (!any) continue;
        msg.data = data.join('\n');
        return msg;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no SSE event in time');
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('no SSE event in time')), left); }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) return null;
      this.text += this.decoder.decode(chunk.value, { stream: true });
    }
  }

  /** Events until one matches, failing on timeout. */
  async until(match: (m: SseMessage) => boolean, timeoutMs = 5_000): Promise<SseMessage[]> {
    const seen: SseMessage[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = await this.next(Math.max(1, deadline - Date.now()));
      if (!m) throw new Error(`stream ended before a match; saw ${seen.map((s) => s.data).join(' | ')}`);
      seen.push(m);
      if (match(m)) return seen;
    }
  }

  cancel(): Promise<void> {
    return this.reader.cancel();
  }
}
