// Keeps bench/when-all.bench.mjs from rotting: runs it at a tiny size against the built package (dist/, which
// `npm test` builds first). Asserts the shape of the outcome only, never a time.
import { describe, expect, it } from "vitest";
import { formatWhenAllBench, runWhenAllBench } from "../../bench/when-all.bench.mjs";

describe("bench/when-all.bench.mjs", () => {
  it("runs at a tiny size and reports rows, ratios and a table", async () => {
    const outcome = await runWhenAllBench({ sizes: [10, 100], rounds: 1 });
    expect(outcome.results.map((result) => result.name)).toEqual(["whenAll", "Promise.all (reference)"]);
    for (const result of outcome.results) {
      expect(result.rows.map((row) => row.size)).toEqual([10, 100]);
      for (const row of result.rows) expect(row.totalMs).toBeGreaterThan(0);
      expect(result.ratios).toHaveLength(1);
      expect(result.ratios[0]!.label).toBe("100/10");
      expect(result.ratios[0]!.limit).toBeCloseTo(12);
    }
    expect(typeof outcome.ok).toBe("boolean");
    expect(formatWhenAllBench(outcome)).toContain("| ratio");
  });
});
