// Status notifications arrive in bursts (one per keystroke batch): run a reload at most once at a time, and
// once more afterwards if it was asked for meanwhile, so the last change is never missed.
export function coalesce(run: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const trigger = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void run()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          trigger();
        }
      });
  };
  return trigger;
}
