// Live sizing preview: debounced (200 ms) calls to POST /api/sizing/preview; a newer request
// aborts the older one, and an answer that arrives after a newer one is ignored.

import { ApiError } from "../shared/api.js";
import type { SizingInputs, SizingPreview } from "./word-api.js";

export const PREVIEW_DELAY_MS = 200;

export type PreviewFetcher = (inputs: SizingInputs, signal: AbortSignal) => Promise<SizingPreview>;

export interface PreviewListener {
  onPending?(): void;
  onPreview(preview: SizingPreview): void;
  onError(error: unknown): void;
}

export class SizingPreviewer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | null = null;
  private sequence = 0;

  constructor(
    private readonly fetchPreview: PreviewFetcher,
    private readonly listener: PreviewListener,
    private readonly delayMs = PREVIEW_DELAY_MS,
  ) {}

  /** Schedules a preview of `inputs`; calls within the delay collapse into one request. */
  request(inputs: SizingInputs): void {
    this.cancel();
    this.listener.onPending?.();
    const sequence = this.sequence;
    this.timer = setTimeout(() => void this.run(inputs, sequence), this.delayMs);
  }

  /** Drops the scheduled request and aborts the one in flight (its answer will be ignored). */
  cancel(): void {
    this.sequence += 1;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.controller?.abort();
    this.controller = null;
  }

  private async run(inputs: SizingInputs, sequence: number): Promise<void> {
    if (sequence !== this.sequence) return;
    this.timer = undefined;
    const controller = new AbortController();
    this.controller = controller;
    try {
      const preview = await this.fetchPreview(inputs, controller.signal);
      if (sequence !== this.sequence) return; // a newer request was made meanwhile
      this.listener.onPreview(preview);
    } catch (error) {
      if (sequence !== this.sequence) return;
      if (controller.signal.aborted || (error instanceof ApiError && error.status === 0 && error.title === "Annulé")) return;
      this.listener.onError(error);
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }
}
