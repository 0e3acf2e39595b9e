/**
 * The progress notification of a long job ("Build ISO", preparing a boot): cancellable, with a
 * bar that follows the engine's byte count while it copies an image.
 */
import * as vscode from 'vscode';

/** What a job running under the notification reports to, and listens to. */
export interface JobProgress {
  /** Aborted when the user cancels the notification. */
  signal: AbortSignal;
  /** The engine's copy progress: moves the bar and shows `<copying> (<n>%)`. */
  copied: (bytes: number, total: number) => void;
  /** Shows the step the job is at. */
  step: (message: string) => void;
}

/**
 * Runs `job` under a cancellable notification; `copying` names what its copy progress copies.
 * Undefined when the user cancelled and the job stopped for it; any other failure is thrown.
 */
export function withJobProgress<T>(title: string, copying: string, job: (progress: JobProgress) => Promise<T>): Thenable<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    let reported = 0;
    try {
      return await job({
        signal: controller.signal,
        copied: (bytes, total) => {
          const percent = Math.floor((bytes / Math.max(total, 1)) * 100);
          if (percent > reported) progress.report({ increment: percent - reported, message: `${copying} (${percent}%)` });
          reported = percent;
        },
        step: (message) => progress.report({ message }),
      });
    } catch (err) {
      if (!controller.signal.aborted) throw err;
      return undefined;
    }
  });
}
