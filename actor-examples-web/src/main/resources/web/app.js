// The live coffee shop: one WebSocket to /ws; the server pushes {"type":"state"} frames (latest wins) and answers
// every command with {"type":"ack"} or {"type":"error"}. No build step, no library.
'use strict';

const $ = (id) => document.getElementById(id);
const seen = { restarts: {}, seq: 0, skipped: 0 };
let ws;

function hms(seconds) {
  const s = Math.floor(seconds);
  const pad = (n) => String(n).padStart(2, '0');
  return Math.floor(s / 3600) + 'h ' + pad(Math.floor(s / 60) % 60) + 'm ' + pad(s % 60) + 's';
}

function wait(seconds) {
  if (!seconds) return '\u2013';
  return seconds < 60 ? seconds.toFixed(1) + ' s' : Math.floor(seconds / 60) + 'm ' + String(Math.floor(seconds % 60)).padStart(2, '0') + 's';
}

function toast(text, isError) {
  const t = $('toast');
  t.textContent = text;
  t.className = 'toast' + (isError ? ' error' : '');
}

function send(command) {
  if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(command));
}

function station(name, actor) {
  const el = $('st-' + name);
  if (!el) return;
  const meter = el.querySelector('.meter i');
  const mb = el.querySelector('.mb');
  if (!actor) { mb.textContent = 'gone'; meter.style.width = '0'; return; }
  const cap = actor.capacity > 0 ? actor.capacity : 1000;
  meter.style.width = Math.min(100, 100 * actor.mailbox / Math.min(cap, 50)) + '%';
  mb.textContent = 'mailbox ' + actor.mailbox + '/' + (actor.capacity < 0 ? '\u221e' : actor.capacity)
    + ' \u00b7 ' + actor.status.toLowerCase();
}

function baristas(list) {
  const box = $('baristas');
  for (const b of list) {
    let el = document.getElementById('b-' + b.id);
    if (!el) {
      el = document.createElement('div');
      el.id = 'b-' + b.id;
      el.className = 'barista';
      box.appendChild(el);
    }
    const before = seen.restarts[b.id];
    if (before !== undefined && b.restarts > before) { // a restart: flash
      el.classList.add('flash');
      setTimeout(() => el.classList.remove('flash'), 120);
    }
    seen.restarts[b.id] = b.restarts;
    el.classList.toggle('down', b.status !== undefined && b.status !== 'RUNNING');
    el.innerHTML = '<b>' + b.id + '</b>restarts ' + b.restarts + '<br>mailbox ' + (b.mailbox ?? '\u2013');
  }
}

function render(s) {
  if (seen.seq && s.seq > seen.seq + 1) seen.skipped += s.seq - seen.seq - 1;
  seen.seq = s.seq;
  $('phase').textContent = s.phase.toLowerCase();
  $('clock').textContent = hms(s.simulatedSeconds);
  for (const k of ['placed', 'served', 'turnedAway', 'rejected', 'refunded', 'gaveUp', 'inShop']) $(k).textContent = s.customers[k];
  for (const k of ['p50', 'p95', 'p99']) $(k).textContent = wait(s.waits[k]);
  $('brews').textContent = s.kitchen.brews;
  $('burnt').textContent = s.kitchen.burnt;
  $('wasted').textContent = s.kitchen.wasted;
  $('rail').textContent = 'orders in flight ' + s.kitchen.ordersInFlight;
  for (const k of ['sessions', 'statesSent', 'coalesced', 'closedSlow', 'refused', 'deadLetters']) $(k).textContent = s.web[k];
  $('skipped').textContent = seen.skipped;
  const byName = {};
  for (const a of s.actors) byName[a.name] = a;
  for (const n of ['street', 'door', 'cashier', 'order-queue', 'pickup-counter']) station(n, byName[n]);
  baristas(s.baristas);
  $('conservation').textContent = 'now: ' + s.conservation + (s.managerGaveUp ? ' \u2014 THE MANAGER GAVE UP: ' + s.managerGaveUp : '');
  const open = s.phase === 'READY' || s.phase === 'OPEN';
  for (const id of ['btn-open', 'btn-burn', 'btn-add-barista', 'btn-close']) $(id).disabled = !open;
  $('btn-open').disabled = s.phase !== 'READY';
  if (s.report) {
    $('invariant').textContent = s.report.invariant;
    $('invariant').className = 'invariant ' + (s.report.ok ? 'ok' : 'bad');
    $('report').textContent = s.report.text;
    $('report-box').hidden = false;
  }
}

function connect() {
  ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
  ws.onopen = () => { $('status').textContent = 'connected'; };
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.type === 'state') render(m);
    else if (m.type === 'ack') toast('\u2713 ' + m.detail, false);
    else if (m.type === 'error') toast('\u2717 ' + m.code + ': ' + m.message, true);
    else if (m.type === 'hello') $('status').textContent = 'connected as ' + m.session;
  };
  ws.onclose = (e) => {
    $('status').textContent = 'closed: ' + e.code + (e.reason ? ' ' + e.reason : '');
    for (const id of ['btn-open', 'btn-burn', 'btn-add-barista', 'btn-close']) $(id).disabled = true;
  };
}

for (const b of document.querySelectorAll('button[data-cmd]')) b.addEventListener('click', () => send({ cmd: b.dataset.cmd }));
$('burn').addEventListener('input', () => { $('burn-value').textContent = $('burn').value + ' %'; });
$('btn-burn').addEventListener('click', () => send({ cmd: 'burn', rate: Number($('burn').value) }));
connect();
