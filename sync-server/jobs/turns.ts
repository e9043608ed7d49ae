// Synchronous pieces of event-loop work (storing a checked submission: one transaction each) taken one at a time,
// each in a turn of the event loop of its own: requests that are only waiting for I/O (a /healthz) are answered
// between them rather than after a whole burst of them.
export type TakeTurn = <T>(fn: () => T) => Promise<T>;

export function turnTaker(): TakeTurn {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => T): Promise<T> => {
    // The next piece is scheduled only once this one has run, so it lands in the next turn, after the I/O poll.
    const run = tail.then(
      () =>
        new Promise<T>((resolve, reject) =>
          setImmediate(() => {
            try {
              resolve(fn());
            } catch (err) {
              reject(err);
            }
          }),
        ),
    );
    tail = run.catch(() => undefined);
    return run;
  };
}
