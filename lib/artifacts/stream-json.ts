/**
 * Reads an artifact from a byte stream (a fetch body, a Blob from disk) into a collector, entry
 * by entry, with @streamparser/json: a 100 MB manifest is never one string nor one object, and
 * the service worker gets the event loop back between chunks, so it keeps answering pages while
 * it parses (figures in docs/performance.md, from tests/bench/artifacts.bench.ts).
 */
import { JSONParser } from '@streamparser/json';
import { err, type Result } from '../result';
import type { SourceError } from '../catalog/source';
import type { ArtifactCollector } from './collector';
import { ARTIFACT_FILES } from './versions';

export interface StreamProgress {
  bytes: number;
  /** From Content-Length or the Blob's size; `null` when unknown. */
  totalBytes: number | null;
}

export interface StreamOptions {
  totalBytes?: number | null;
  onProgress?(progress: StreamProgress): void;
}

/** A few ms of parsing per slice; the event loop gets a turn at least every YIELD_EVERY_MS. */
const SLICE_BYTES = 64 * 1024;
const YIELD_EVERY_MS = 20;

/** Hands the event loop back between chunks (a macrotask, so messages get their turn). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function collectFromStream<T>(
  collector: ArtifactCollector<T>,
  stream: ReadableStream<Uint8Array>,
  options: StreamOptions = {},
): Promise<Result<T, SourceError>> {
  const file = ARTIFACT_FILES[collector.kind];
  const paths = ['$.metadata', ...collector.entrySections.map((s) => `$.${s}.*`)];
  const parser = new JSONParser({ paths, keepStack: false, stringBufferSize: 64 * 1024 });
  let stopped: SourceError | null = null;
  parser.onValue = ({ value, key, stack }) => {
    if (stopped) return;
    if (stack.length === 1 && key === 'metadata') stopped = collector.metadata(value);
    else if (stack.length === 2) stopped = collector.entry(String(stack[1]!.key), value);
  };
  let parseError: unknown = null;
  parser.onError = (error) => {
    parseError ??= error;
  };

  const reader = stream.getReader();
  let bytes = 0;
  let lastYield = performance.now();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // A source may hand over one huge chunk (a whole file); parse it in slices all the same.
      for (let at = 0; at < value.byteLength; at += SLICE_BYTES) {
        const slice = value.subarray(at, at + SLICE_BYTES);
        bytes += slice.byteLength;
        parser.write(slice);
        if (stopped) return err(stopped);
        if (parseError) return err(notJson(file, parseError));
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          options.onProgress?.({ bytes, totalBytes: options.totalBytes ?? null });
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
    }
    if (!parser.isEnded) parser.end();
    options.onProgress?.({ bytes, totalBytes: options.totalBytes ?? null });
  } catch (error) {
    return err(readFailed(file, error));
  } finally {
    reader.cancel().catch(() => {});
  }
  if (stopped) return err(stopped);
  if (parseError) return err(notJson(file, parseError));
  return collector.finish();
}

function notJson(file: string, error: unknown): SourceError {
  const detail = error instanceof Error ? error.message.slice(0, 160) : String(error).slice(0, 160);
  return { kind: 'invalidResponse', message: `${file} is not valid JSON (${detail}); is the URL serving the artifact itself?` };
}

function readFailed(file: string, error: unknown): SourceError {
  const detail = error instanceof Error ? error.message.slice(0, 160) : String(error).slice(0, 160);
  return { kind: 'network', message: `Reading ${file} stopped half-way (${detail}); Docent will try again at the next refresh.` };
}
