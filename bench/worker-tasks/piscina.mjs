// The Piscina and Tinypool contender of bench/worker.bench.mjs.
export default (x) => x + 1;
