// The message for a task name the receiving side does not have, shared by the worker runtime and the job
// consumer so that both say it the same way: `Unknown task "ad": this worker exposes add, echo (did you mean
// "add"?)`.

/**
 * The message for an unknown task `name` (any value) given the `known` names; `where` says who has them ("this
 * worker exposes", `queue "q" serves`). The nearest known name (edit distance at most a third of its length, at
 * least 1, at most 3) is suggested. Never throws.
 */
export function unknownTaskMessage(name: unknown, known: readonly string[], where: string): string {
  const shown = typeof name === "string" ? JSON.stringify(name) : `(a ${name === null ? "null" : typeof name}, not a name)`;
  let text = `Unknown task ${shown}: ${where} ${known.length === 0 ? "no tasks" : known.join(", ")}`;
  if (typeof name === "string") {
    const nearest = nearestName(name, known);
    if (nearest !== undefined) text += ` (did you mean ${JSON.stringify(nearest)}?)`;
  }
  return text;
}

function nearestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const limit = Math.min(3, Math.max(1, Math.floor(candidate.length / 3)));
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase(), limit);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, or more than `limit` as soon as it exceeds it. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}
