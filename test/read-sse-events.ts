import { EventSourceParserStream } from "eventsource-parser/stream";

export type SseEvent = { id: string | undefined; event: string | undefined; data: Record<string, unknown> };

/** Every event of a text/event-stream response, read to its end, data parsed as JSON. */
export async function readSseEvents(response: Response): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  const stream = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  for await (const message of stream)
    events.push({ id: message.id, event: message.event, data: JSON.parse(message.data) as Record<string, unknown> });
  return events;
}
