// The web demo's page: starts tasks with OperationClient.run, shows their progress, cancels them, and after a
// reload attaches to the ones still running (ids in localStorage). Plain DOM, no framework.
/* global document, localStorage, window, crypto -- a browser page */
import { OperationClient } from "/dist/http/index.js";
import { AsyncStatus } from "/dist/index.js";

const client = new OperationClient("/ops", { reconnect: { limit: 10, delayMs: 250, maxDelayMs: 4000 } });
const list = document.querySelector("#ops");
const KEY = "winrt-async-web-demo";

const saved = () => JSON.parse(localStorage.getItem(KEY) ?? "[]");
const store = (entries) => localStorage.setItem(KEY, JSON.stringify(entries));
const remember = (id, label) => store([...saved().filter((e) => e.id !== id), { id, label }]);
const forget = (id) => store(saved().filter((e) => e.id !== id));

/** One row per operation: label, progress bar, percentage, status and a cancel button. */
function show(op, label) {
  const row = document.createElement("li");
  row.dataset.label = label;
  row.innerHTML = `<strong></strong><progress max="100" value="0"></progress><span class="percent">0%</span><span class="status">started</span><button class="cancel">Cancel</button>`;
  row.querySelector("strong").textContent = label;
  const bar = row.querySelector("progress");
  const percent = row.querySelector(".percent");
  const status = row.querySelector(".status");
  const cancel = row.querySelector(".cancel");
  list.append(row);
  cancel.onclick = () => op.cancel();
  op.onProgress((value) => {
    // The id is known once anything arrived on the stream (the POST's answer carries it first).
    if (op.operationId !== undefined && !saved().some((e) => e.id === op.operationId)) remember(op.operationId, label);
    bar.value = value;
    percent.textContent = `${value}%`;
    row.dataset.percent = String(value);
  });
  const finish = (text) => {
    status.textContent = text;
    row.dataset.status = text.split(":")[0];
    cancel.disabled = true;
    if (op.operationId !== undefined && op.status !== AsyncStatus.error) forget(op.operationId);
  };
  op.then(
    (result) => finish(`completed: ${result.spunForMs} ms`),
    (error) => {
      if (op.status === AsyncStatus.canceled) finish("canceled");
      else if (error?.name === "DisconnectedError") finish("disconnected: reload to attach again");
      else {
        finish(`error: ${error?.message ?? String(error)}`);
        if (op.operationId !== undefined) forget(op.operationId);
      }
    },
  );
}

document.querySelector("#start").onclick = () => {
  const seconds = Number(document.querySelector("#seconds").value) || 8;
  const label = `task ${crypto.getRandomValues(new Uint16Array(1))[0].toString(16)}`;
  show(client.run("crunch", { seconds, label }, { description: label }), label);
};

// After a reload: attach to every operation this page had started that may still run.
for (const { id, label } of saved()) show(client.attach(id), label);

window.addEventListener("pagehide", () => void client.close());
document.body.dataset.ready = "true";
