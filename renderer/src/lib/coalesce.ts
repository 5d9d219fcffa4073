/**
 * Wraps an async task so that bursts of calls run it at most once at a time and at most every
 * `minMs`: a call during a run schedules one more run after it, never a queue. Live runs emit
 * hundreds of progress events a second; the views refetch at a human pace instead.
 */
export function coalesce(task: () => Promise<unknown>, minMs: number): () => void {
  let running = false;
  let again = false;
  let last = 0;
  const run = async () => {
    const wait = last + minMs - Date.now();
    if (wait > 0) await new Promise((ok) => setTimeout(ok, wait));
    running = true;
    again = false;
    last = Date.now();
    try {
      await task();
    } catch {
      // The task reports its own errors.
    } finally {
      running = false;
      if (again) void run();
    }
  };
  return () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void run();
  };
}
