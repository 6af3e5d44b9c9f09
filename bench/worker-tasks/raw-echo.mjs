// The raw baselines of bench/worker.bench.mjs: a MessagePort echo of task records { id, name, input }, answered
// as { id, result }; one record per message, or an array of records per message (batching).
import { parentPort } from "node:worker_threads";

parentPort.once("message", (port) => {
  port.on("message", (message) => {
    if (Array.isArray(message)) {
      const replies = new Array(message.length);
      for (let i = 0; i < message.length; i++) replies[i] = { id: message[i].id, result: message[i].input + 1 };
      port.postMessage(replies);
    } else {
      port.postMessage({ id: message.id, result: message.input + 1 });
    }
  });
});
