// midtier operator console. Plain script, no library: every URL is relative (the page works behind a path prefix),
// credentials live in this page's memory only (typed by the user, never stored), and every state change is a
// POST/DELETE from this origin (midtier refuses one from another site: io.midtier.http.CrossSiteGuard).
'use strict';
(function () {
  const $ = (sel) => document.querySelector(sel);
  const HISTORY = 150;          // status samples kept: 5 minutes at one every 2 s
  const OVERDUE_SECONDS = 60;   // an update still pending after this long stands out
  const FEED_KEEP = 200;        // changes listed in the feed
  const state = {
    auth: null, user: null, admin: false,
    page: 1, size: 20, type: '', key: '',
    samples: [],
    feed: { last: null, target: null, reconnects: 0, gaps: 0, controller: null, retry: 1000, gone: false }
  };

  // ---- HTTP ----
  function api(path, options) {
    const opts = Object.assign({ method: 'GET', headers: {} }, options || {});
    opts.headers = Object.assign({ Accept: 'application/json' }, opts.headers);
    if (state.auth) opts.headers.Authorization = state.auth;
    // the browser must not add credentials it remembers from elsewhere: the page says who it is itself
    opts.credentials = 'omit';
    // nothing from the browser's cache: a 410 is cacheable by default, and a cached one (the cache key ignores
    // Last-Event-ID) would answer every later reconnect of the feed, also after Reload
    opts.cache = 'no-store';
    return fetch(path, opts);
  }
  async function json(path) {
    const r = await api(path);
    if (!r.ok) { const e = new Error('HTTP ' + r.status); e.status = r.status; throw e; }
    return r.json();
  }
  function text(el, value) { el.textContent = value == null ? '' : String(value); }
  function age(iso) {
    if (!iso) return '';
    const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    return s < 120 ? s + ' s' : s < 7200 ? Math.round(s / 60) + ' min' : Math.round(s / 3600) + ' h';
  }
  function cell(tr, value, cls) { const td = document.createElement('td'); text(td, value); if (cls) td.className = cls; tr.appendChild(td); return td; }

  // ---- sign-in ----
  async function signIn(event) {
    event.preventDefault();
    const user = $('#user').value.trim(), password = $('#password').value;
    $('#password').value = '';
    // btoa takes Latin-1 only: encode the UTF-8 bytes first (the server decodes Basic credentials as UTF-8)
    const auth = 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(user + ':' + password)));
    const previous = state.auth;
    state.auth = auth;
    // the admin list tells all three cases apart: 200 admin, 403 a known user without the role, 401 wrong
    const r = await api('../admin/dead-letters?page=1&size=1');
    if (r.status === 401) {
      state.auth = previous;
      text($('#who'), 'Sign-in failed: wrong user or password');
      return;
    }
    state.user = user;
    state.admin = r.status === 200;
    showUser();
    refreshAll();
  }
  function signOut() {
    state.auth = null; state.user = null; state.admin = false;
    showUser(); refreshAll();
  }
  function showUser() {
    text($('#who'), state.user ? 'Signed in as ' + state.user + (state.admin ? ' (admin)' : ' (no admin role: reading only)')
      : 'Not signed in: reading only');
    document.body.dataset.admin = state.admin ? 'true' : 'false';
    $('#signout-button').hidden = !state.user;
  }

  // ---- outstanding work ----
  const ACCOUNT_KEY = /^[0-9]{1,10}$/;
  const ORDER_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  // The key filter is asked of the API (the whole list, not the page shown): an account id filters the updates, an
  // order id the orders; the other list has nothing with that key. "accounts/1001" as the table shows it works too.
  function keyFilter() {
    const key = state.key.replace(/^(accounts|orders)\//i, '');
    if (!key) return { updates: '', orders: '' };
    if (ACCOUNT_KEY.test(key)) return { updates: '&key=' + encodeURIComponent(key), orders: null };
    if (ORDER_KEY.test(key)) return { updates: null, orders: '&key=' + encodeURIComponent(key) };
    return null;
  }
  async function refreshOutstanding() {
    const rows = [];
    const q = 'page=' + state.page + '&size=' + state.size;
    const key = keyFilter();
    let more = false, error = null;
    try {
      if (key === null) {
        const e = new Error('A key is an account id (digits, e.g. 1001) or an order id (a UUID).'); e.explained = true;
        throw e;
      }
      if (state.type !== 'orders' && key.updates !== null) {
        const u = await json('../api/updates?status=PENDING&' + q + key.updates
          + (state.type ? '&type=' + encodeURIComponent(state.type) : ''));
        more = more || u.items.length === state.size;
        u.items.forEach((i) => rows.push({ kind: 'update', key: i.type + '/' + i.id, id: i.updateId, status: i.status,
          created: i.createdAt, attempts: i.attempts, error: i.lastError,
          overdue: (Date.now() - Date.parse(i.createdAt)) / 1000 > OVERDUE_SECONDS }));
      }
      if ((state.type === '' || state.type === 'orders') && key.orders !== null) {
        const o = await json('../api/orders?status=OUTSTANDING&' + q + key.orders);
        more = more || o.items.length === state.size;
        o.items.forEach((i) => rows.push({ kind: 'order', key: 'orders/' + i.item + ' x' + i.quantity, id: i.orderId,
          status: i.status, created: i.submittedAt, attempts: i.answerSeq == null ? 0 : i.answerSeq, error: null,
          overdue: !!i.overdue }));
      }
    } catch (e) { error = e; }
    const body = $('#outstanding-table tbody');
    body.replaceChildren();
    rows.forEach((r) => {
      const tr = document.createElement('tr');
      tr.dataset.id = r.id; tr.dataset.kind = r.kind;
      if (r.overdue) tr.className = 'overdue';
      cell(tr, r.kind); cell(tr, r.key); cell(tr, r.status + (r.overdue ? ' (overdue)' : ''));
      cell(tr, age(r.created)); cell(tr, r.attempts); cell(tr, r.error, 'err'); cell(tr, r.id, 'id');
      body.appendChild(tr);
    });
    $('#outstanding-empty').hidden = rows.length > 0;
    text($('#outstanding-empty'), error ? (error.status === 401 ? 'Sign in to read (reads are closed on this midtier).'
      : error.explained ? error.message : 'Could not load the outstanding work (' + error.message + ').')
      : state.key ? 'Nothing outstanding with key ' + state.key + '.' : 'Nothing outstanding.');
    text($('#page-label'), 'page ' + state.page);
    $('#page-prev').disabled = state.page <= 1;
    $('#page-next').disabled = !more;
  }

  // ---- dead letters ----
  // Everyone who may read sees them (GET /api/dead-letters: no message); Replay and Discard exist for admins only,
  // and the admin API refuses everyone else anyway.
  const DL_SIZE = 100;
  async function refreshDeadLetters() {
    const body = $('#dl-table tbody');
    let items;
    try { items = (await json('../api/dead-letters?page=1&size=' + DL_SIZE)).items; } catch (e) {
      state.deadLetters = null;
      body.replaceChildren();
      text($('#dl-note'), e.status === 401 ? 'Sign in to read (reads are closed on this midtier).'
        : 'Could not load the dead letters (' + e.message + ').');
      return;
    }
    text($('#dl-note'), (items.length ? (items.length === DL_SIZE ? 'The oldest ' + DL_SIZE : items.length)
      + ' open dead letter(s), oldest first.' : 'No open dead letters.')
      + (state.admin || !items.length ? '' : ' Replay and Discard need the admin role.'));
    // rebuilt only when the list changed: a row (and the button under the user's pointer or focus) stays put
    const signature = JSON.stringify([state.admin, items.map((d) => d.updateId)]);
    if (signature === state.deadLetters && body.children.length === items.length) return;
    state.deadLetters = signature;
    body.replaceChildren();
    items.forEach((d) => {
      const tr = document.createElement('tr');
      tr.dataset.id = d.updateId;
      cell(tr, d.type + '/' + d.id); cell(tr, d.reason, 'err'); cell(tr, age(d.failedAt) + ' ago'); cell(tr, d.attempts);
      cell(tr, d.updateId, 'id');
      if (state.admin) {
        const td = cell(tr, '');
        td.appendChild(button('Replay', 'replay', () => act('replay', d)));
        td.appendChild(button('Discard', 'discard', () => act('discard', d)));
      } else {
        cell(tr, 'admin only', 'small');
      }
      body.appendChild(tr);
    });
  }
  function button(label, cls, onClick) {
    const b = document.createElement('button'); b.type = 'button'; b.className = cls; text(b, label);
    b.addEventListener('click', onClick); return b;
  }
  function confirmAction(message) {
    return new Promise((resolve) => {
      const dialog = $('#confirm');
      text($('#confirm-text'), message);
      dialog.returnValue = '';
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
      dialog.showModal();
      $('#confirm-cancel').focus();
    });
  }
  async function act(kind, d) {
    const what = d.type + '/' + d.id + ' (update ' + d.updateId + ')';
    const ok = await confirmAction(kind === 'replay'
      ? 'Replay ' + what + '? It goes back on the updates queue and is sent to the back-end again.'
      : 'Discard ' + what + '? It will not be sent; the dead letter stays recorded with your name.');
    if (!ok) return;
    const path = '../admin/dead-letters/' + encodeURIComponent(d.updateId) + (kind === 'replay' ? '/replay' : '');
    const r = await api(path, { method: kind === 'replay' ? 'POST' : 'DELETE' });
    let problem = null;
    try { problem = await r.json(); } catch (e) { /* an empty body */ }
    const messages = {
      202: 'Replayed: update ' + d.updateId + ' is pending again.',
      200: 'Discarded: update ' + d.updateId + ' will not be sent.',
      409: 'Not replayed: ' + d.type + '/' + d.id + ' got a newer update after this one failed, and replaying it would'
        + ' overwrite that newer change. Discard this dead letter, or make the change again.',
      404: 'Nothing done: someone else already replayed or discarded it.',
      403: 'Refused: this needs the admin role' + (problem && problem.error === 'CROSS_SITE_REQUEST' ? ' and this page\'s own origin.' : '.'),
      401: 'Refused: sign in again.'
    };
    text($('#dl-message'), messages[r.status] || ('Failed (' + r.status + (problem ? ': ' + problem.message : '') + ').'));
    $('#dl-message').dataset.status = r.status;
    refreshAll();
  }

  // ---- health and charts ----
  async function refreshStatus() {
    let s;
    try { s = await json('../api/console/status'); } catch (e) { return; }
    state.samples.push(s);
    if (state.samples.length > HISTORY) state.samples.shift();
    const list = $('#readiness');
    list.replaceChildren();
    const checks = Object.assign({}, s.readiness);
    if (s.backendCircuit) checks['back-end circuit'] = { state: s.backendCircuit === 'CLOSED' ? 'UP' : 'DOWN', message: s.backendCircuit };
    Object.keys(checks).forEach((name) => {
      const li = document.createElement('li');
      li.className = checks[name].state === 'UP' ? 'up' : 'down';
      li.dataset.check = name;
      text(li, name + ': ' + checks[name].state + (checks[name].message ? ' (' + checks[name].message + ')' : ''));
      list.appendChild(li);
    });
    const m = s.meters;
    text($('#figures'), 'outstanding updates ' + (m['midtier.updates.outstanding'] || 0)
      + ' · dead-letter queue ' + (m['midtier.queue.messages{DLQ.midtier.updates}'] || 0)
      + ' · hits ' + (m['midtier.cache.hits'] || 0) + ' · misses ' + (m['midtier.cache.misses'] || 0));
    drawCharts();
  }
  function rates(pick) {
    const out = [];
    for (let i = 1; i < state.samples.length; i++) {
      const a = state.samples[i - 1], b = state.samples[i], dt = (b.at - a.at) / 1000;
      out.push(dt > 0 ? Math.max(0, (pick(b) - pick(a)) / dt) : 0);
    }
    return out;
  }
  const meter = (name) => (s) => s.meters[name] || 0;
  function routeSum(prefix, field) {
    return (s) => Object.keys(s.routes).filter((r) => r.startsWith(prefix)).reduce((t, r) => t + s.routes[r][field], 0);
  }
  function meanLatency(prefix) {
    const out = [], count = routeSum(prefix, 'count'), total = routeSum(prefix, 'totalMs');
    for (let i = 1; i < state.samples.length; i++) {
      const n = count(state.samples[i]) - count(state.samples[i - 1]);
      out.push(n > 0 ? (total(state.samples[i]) - total(state.samples[i - 1])) / n : 0);
    }
    return out;
  }
  function drawCharts() {
    draw($('#chart-cache'), [rates(meter('midtier.cache.hits')), rates(meter('midtier.cache.misses')), rates(meter('midtier.cache.stale'))]);
    draw($('#chart-backend'), [rates(meter('midtier.cache.backend.calls')), meanLatency('backend-')]);
    draw($('#chart-delivery'), [state.samples.map(meter('midtier.updates.outstanding')), rates(routeSum('backend-delivery', 'count'))]);
  }
  const COLOURS = ['#1f6fb2', '#c0392b', '#8e6c00'];
  function draw(canvas, series) {
    const g = canvas.getContext('2d'), w = canvas.width, h = canvas.height;
    g.clearRect(0, 0, w, h);
    g.strokeStyle = '#ccc'; g.strokeRect(0.5, 0.5, w - 1, h - 1);
    series.forEach((values, k) => {
      const max = Math.max(1, ...values);
      g.strokeStyle = COLOURS[k]; g.lineWidth = 1.5; g.beginPath();
      values.forEach((v, i) => {
        const x = w - (values.length - 1 - i) * (w / HISTORY), y = h - 4 - (v / max) * (h - 16);
        if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
      });
      g.stroke();
      g.fillStyle = COLOURS[k]; g.font = '11px sans-serif';
      g.fillText('max ' + (Math.round(max * 10) / 10), 4 + k * 80, 12);
    });
  }

  // ---- live change feed (Server-Sent Events read with fetch: it can send Authorization and see a 410) ----
  function feedState(label, name) { text($('#feed-state'), label); $('#feed').dataset.state = name; }
  async function connectFeed() {
    const f = state.feed;
    if (f.gone) return;
    f.controller = new AbortController();
    try {
      // where the log is now: the feed has caught up once it has shown this sequence
      const latest = await json('../api/changes/latest');
      f.target = latestOf(latest);
      // a first load shows the last few changes the log still holds (older ones would be a 410)
      if (f.last === null) f.last = Math.max(Number(latest.prunedThrough) || 0, f.target - 20);
      feedState(f.last >= f.target ? 'live (caught up)' : 'catching up', f.last >= f.target ? 'live' : 'catching-up');
      const headers = { Accept: 'text/event-stream', 'Last-Event-ID': String(f.last) };
      const r = await api('../api/changes/stream', { headers: headers, signal: f.controller.signal });
      if (r.status === 410) { gone(); return; }
      if (!r.ok || !r.body) throw new Error('HTTP ' + r.status);
      f.retry = 1000;
      await readEvents(r.body.getReader());
      const ended = new Error('the server ended the stream'); ended.ended = true;
      throw ended;
    } catch (e) {
      if (f.gone) return;
      f.reconnects++;
      text($('#feed-reconnects'), f.reconnects);
      // midtier ends a stream now and then on purpose (midtier.changes.stream-max-seconds): not a fault
      feedState(e.ended ? 'reconnecting (the server ended the stream)' : 'disconnected (' + e.message + '); reconnecting',
        e.ended ? 'resuming' : 'reconnecting');
      const wait = f.retry; f.retry = Math.min(10000, f.retry * 2);
      setTimeout(connectFeed, wait);
    }
  }
  function latestOf(body) {
    if (typeof body === 'number') return body;
    for (const k of ['latest', 'seq', 'sequence']) if (typeof body[k] === 'number') return body[k];
    return 0;
  }
  async function readEvents(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end); buffer = buffer.slice(end + 2);
        const event = { type: 'message', id: null, data: '' };
        block.split('\n').forEach((line) => {
          if (line.startsWith('id:')) event.id = line.slice(3).trim();
          else if (line.startsWith('event:')) event.type = line.slice(6).trim();
          else if (line.startsWith('data:')) event.data += line.slice(5).trim();
        });
        if (event.type === 'gone') { gone(); return; }
        if (event.type === 'change' && event.id !== null) onChange(Number(event.id), JSON.parse(event.data));
      }
    }
  }
  function onChange(seq, change) {
    const f = state.feed;
    if (f.last !== null && seq <= f.last) return;           // already shown (a replay after reconnecting)
    if (f.last !== null && seq !== f.last + 1) { f.gaps++; $('#feed').dataset.gaps = f.gaps; }
    f.last = seq;
    text($('#feed-last'), seq);
    if (f.target !== null && seq >= f.target) feedState('live (caught up)', 'live');
    const li = document.createElement('li');
    li.dataset.seq = seq; li.dataset.key = change.type + '/' + change.id;
    text(li, '#' + seq + ' ' + change.op + ' ' + change.type + '/' + change.id + ' v' + change.version
      + (change.at ? ' at ' + new Date(change.at).toLocaleTimeString() : ''));
    const list = $('#feed-list');
    list.prepend(li);
    while (list.children.length > FEED_KEEP) list.lastChild.remove();
    scheduleRefresh();
  }
  function gone() {
    state.feed.gone = true;
    if (state.feed.controller) state.feed.controller.abort();
    feedState('stopped: reload needed', 'gone');
    $('#feed-reload').hidden = false;
  }
  function reloadFeed() {
    const f = state.feed;
    f.gone = false; f.last = null; f.gaps = 0; $('#feed').dataset.gaps = 0;
    $('#feed-list').replaceChildren();
    $('#feed-reload').hidden = true;
    connectFeed();
  }

  // ---- wiring ----
  let pending = null;
  function scheduleRefresh() {
    if (pending) return;
    pending = setTimeout(() => { pending = null; refreshOutstanding(); refreshDeadLetters(); }, 300);
  }
  function refreshAll() { refreshOutstanding(); refreshDeadLetters(); refreshStatus(); }

  document.addEventListener('DOMContentLoaded', () => {
    $('#signin').addEventListener('submit', signIn);
    $('#signout-button').addEventListener('click', signOut);
    $('#filter').addEventListener('submit', (e) => {
      e.preventDefault();
      state.type = $('#filter-type').value; state.key = $('#filter-key').value.trim(); state.page = 1;
      refreshOutstanding();
    });
    $('#page-prev').addEventListener('click', () => { if (state.page > 1) { state.page--; refreshOutstanding(); } });
    $('#page-next').addEventListener('click', () => { state.page++; refreshOutstanding(); });
    $('#feed-reload-button').addEventListener('click', reloadFeed);
    $('#feed').dataset.gaps = 0;
    showUser();
    refreshAll();
    setInterval(refreshStatus, 2000);
    setInterval(() => { refreshOutstanding(); refreshDeadLetters(); }, 3000);
    connectFeed();
    // time to interactive as this page counts it: every handler wired, first requests on their way
    document.body.dataset.readyMs = String(Math.round(performance.now()));
    document.body.dataset.ready = 'true';
  });
})();
