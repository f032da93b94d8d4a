/**
 * Group commit: what arrives while a batch is being written waits, and goes together in the next batch, so under load
 * one statement and one commit carry many writes, and an idle server still writes each at once. One batch is in
 * flight at a time: a caller's writes are stored in the order they were made.
 *
 * `write` answers every item of a batch, in order: a value, or the error that item alone met.
 */
export function groupCommit<Item, Result>(
  write: (items: Item[]) => Promise<Array<PromiseSettledResult<Result>>>,
  maxBatch: number,
): (item: Item) => Promise<Result> {
  const queue: Array<{ item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }> = [];
  let writing = false;

  async function drain() {
    writing = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      let outcomes: Array<PromiseSettledResult<Result>>;
      try {
        outcomes = await write(batch.map((entry) => entry.item));
      } catch (error) {
        outcomes = batch.map(() => ({ status: 'rejected', reason: error }));
      }
      batch.forEach((entry, index) => {
        const outcome = outcomes[index];
        if (outcome?.status === 'fulfilled') entry.resolve(outcome.value);
        else entry.reject(outcome ? outcome.reason : new Error('The batch gave no answer for this write'));
      });
    }
    writing = false;
  }

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}
