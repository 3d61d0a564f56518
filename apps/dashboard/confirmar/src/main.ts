/**
 * Public, offline-first confirmation page (`/confirmar/?c=CODE`), opened from the QR code of a
 * stop on the route manifest. Plain TypeScript and DOM, separate from the React dashboard; see
 * ../README.md for the offline design and the weight budget.
 */
import './styles.css';
import { fetchStop, type Problem, type PublicStop, REJECTION_REASONS, type RejectionReason } from './api';
import { currentPosition, downscalePhoto, newIdempotencyKey, normalizeCode } from './device';
import { h, trustedMarkup, uid } from './dom';
import { type FormErrors, type FormModel, formFromBody, type LineModel, newForm, rebalance, toBody, validate } from './form';
import { kitIcon } from './icons';
import { lang, type MessageKey, setLang, t } from './i18n';
import { type DoneItem, getCachedStop, getDone, getOutboxItem, listOutbox, type OutboxItem, putCachedStop, putOutboxItem } from './store';
import { SYNC_TAG, syncOutbox } from './sync';

interface State {
  code: string | null;
  loading: boolean;
  stop: PublicStop | null;
  fromCache: boolean;
  loadProblem: Problem | null;
  loadOffline: boolean;
  item: OutboxItem | undefined;
  done: DoneItem | undefined;
  form: FormModel | null;
  errors: FormErrors | null;
  queue: OutboxItem[];
  syncing: boolean;
  codeError: boolean;
}

const state: State = {
  code: null,
  loading: false,
  stop: null,
  fromCache: false,
  loadProblem: null,
  loadOffline: false,
  item: undefined,
  done: undefined,
  form: null,
  errors: null,
  queue: [],
  syncing: false,
  codeError: false,
};

const root = document.getElementById('app') as HTMLElement;
const RETRY_EVERY_MS = 30_000;

// ---------- data flow ----------

async function openCode(code: string): Promise<void> {
  Object.assign(state, {
    code,
    loading: true,
    stop: null,
    fromCache: false,
    loadProblem: null,
    loadOffline: false,
    form: null,
    errors: null,
  });
  render();
  [state.item, state.done] = await Promise.all([getOutboxItem(code), getDone(code)]);
  // Something already queued or confirmed on this phone: show it, the server is not needed for that.
  const cached = await getCachedStop(code);
  if (!state.done) {
    const result = await fetchStop(code);
    if (result.kind === 'ok') {
      state.stop = result.stop;
      await putCachedStop({ code, stop: result.stop, fetchedAt: new Date().toISOString() });
    } else if (cached) {
      state.stop = cached.stop;
      state.fromCache = true;
      if (result.kind === 'problem') state.loadProblem = result.problem;
    } else if (result.kind === 'problem') {
      state.loadProblem = result.problem;
    } else {
      state.loadOffline = true;
    }
  }
  if (state.stop && !state.done)
    state.form = state.item?.status === 'error' ? formFromBody(state.stop, state.item.body) : newForm(state.stop);
  state.loading = false;
  render();
}

/**
 * Re-reads the outbox and redraws only what changed: on a flapping connection `online` fires again
 * and again while someone is typing, and a full redraw would take their cursor away.
 */
async function refreshFromStore(force = false): Promise<void> {
  const before = force ? '' : mainSignature();
  const queueBefore = queueSignature();
  state.queue = await listOutbox();
  if (state.code) [state.item, state.done] = await Promise.all([getOutboxItem(state.code), getDone(state.code)]);
  if (state.item?.status === 'error' && state.stop && state.form === null) state.form = formFromBody(state.stop, state.item.body);
  if (mainSignature() !== before) render();
  else if (queueSignature() !== queueBefore) renderQueue();
}

function mainSignature(): string {
  const { item, done } = state;
  return JSON.stringify([state.syncing, item?.key, item?.status, item?.attempts, done?.code, state.form === null]);
}

function queueSignature(): string {
  return JSON.stringify(state.queue.map((i) => [i.code, i.status]));
}

async function runSync(): Promise<void> {
  // navigator.onLine === false is reliable (true is not): no attempt can succeed now.
  if (state.syncing || !navigator.onLine) return refreshFromStore();
  const pending = (await listOutbox()).some((i) => i.status === 'pending');
  if (!pending) return refreshFromStore();
  state.syncing = true;
  if (state.item?.status === 'pending') render();
  try {
    await syncOutbox();
  } catch {
    // IndexedDB or lock failure: the items stay in the outbox and the next trigger tries again.
  } finally {
    state.syncing = false;
    // The pending card showed "sending": redraw it whatever happened.
    await refreshFromStore(state.item?.status === 'pending');
  }
}

async function submit(): Promise<void> {
  const { code, stop, form } = state;
  if (!code || !stop || !form) return;
  state.errors = validate(form);
  showErrors();
  if (state.errors) {
    root.querySelector<HTMLElement>('[data-errors-for="summary"]')?.focus();
    return;
  }
  // The key is made here, at the tap, and stays with the queued item for every retry.
  const item: OutboxItem = {
    code,
    key: newIdempotencyKey(),
    body: toBody(code, form, new Date()),
    communityName: stop.communityName,
    kitNames: Object.fromEntries(stop.lines.map((l) => [l.lineId, l.kitTypeNameEs])),
    status: 'pending',
    createdAt: new Date().toISOString(),
    attempts: 0,
  };
  await putOutboxItem(item);
  state.item = item;
  state.form = null;
  render();
  await requestBackgroundSync();
  await runSync();
}

async function requestBackgroundSync(): Promise<void> {
  try {
    if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller) return;
    const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
      sync?: { register(tag: string): Promise<void> };
    };
    await registration.sync?.register(SYNC_TAG);
  } catch {
    // Background Sync is a bonus (Chromium only): `online` events and page loads sync as well.
  }
}

// ---------- rendering ----------

let queueNode: Node = document.createTextNode('');

function render(): void {
  document.title = `${t('title')} · Minka`;
  queueNode = queueList();
  root.replaceChildren(header(), ...body(), queueNode);
  if (state.errors) showErrors();
}

function renderQueue(): void {
  const next = queueList();
  queueNode.parentNode?.replaceChild(next, queueNode);
  queueNode = next;
}

function header(): HTMLElement {
  const next = lang() === 'es' ? 'qu' : 'es';
  return h('header', { class: 'top' }, [
    h('h1', {}, [t('title')]),
    h(
      'button',
      { type: 'button', class: 'lang', lang: next === 'qu' ? 'qu' : 'es', 'aria-label': `${t('langLabel')}: ${t('lang')}` },
      [t('lang')],
      {
        click: () => {
          setLang(next);
          render();
        },
      },
    ),
  ]);
}

function body(): Node[] {
  if (!state.code) return [codeForm()];
  if (state.loading) return [h('p', { class: 'card', role: 'status' }, [t('loading')])];
  if (state.done) return [doneCard(state.done), anotherLink()];
  const nodes: Node[] = [];
  if (state.item?.status === 'pending') return [pendingCard(state.item), anotherLink()];
  if (state.item?.status === 'error' && state.item.problem) {
    const card = problemCard(t('rejectedByServer'), state.item.problem);
    // An earlier attempt may have reached the server with its answer lost; the code is single use.
    if (state.item.problem.code === 'DELIVERY_CODE_INVALID' && state.item.attempts > 1) card.append(h('p', {}, [t('maybeDone')]));
    nodes.push(card);
  }
  if (!state.stop) {
    if (state.loadProblem) nodes.push(problemCard(t('rejectedByServer'), state.loadProblem));
    if (state.loadOffline) nodes.push(h('p', { class: 'card warn', role: 'alert' }, [t('offlineNoData')]));
    nodes.push(codeForm());
    return nodes;
  }
  if (state.fromCache) nodes.push(h('p', { class: 'note' }, [t('offlineCached')]));
  nodes.push(stopForm(state.stop));
  return nodes;
}

function codeForm(): HTMLElement {
  const id = uid('code');
  const input = h('input', {
    id,
    name: 'code',
    class: 'code',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: 9,
    required: true,
    'aria-describedby': `${id}-help`,
    'aria-invalid': state.codeError ? 'true' : undefined,
    value: state.code ?? '',
  });
  return h(
    'form',
    { class: 'card', novalidate: true },
    [
      h('label', { for: id }, [t('codeLabel')]),
      input,
      h('p', { id: `${id}-help`, class: 'help' }, [t('codeHelp')]),
      state.codeError && h('p', { class: 'error', role: 'alert' }, [t('codeInvalid')]),
      h('button', { type: 'submit', class: 'primary' }, [t('search')]),
    ],
    {
      submit: (event) => {
        event.preventDefault();
        const code = normalizeCode(input.value);
        state.codeError = code === null;
        if (!code) return render();
        history.replaceState(null, '', `?c=${code}`);
        void openCode(code);
      },
    },
  );
}

function stopForm(stop: PublicStop): HTMLElement {
  const form = state.form as FormModel;
  const nameId = uid('name');
  const roleId = uid('role');
  const rolesId = uid('roles');
  const notesId = uid('notes');
  return h(
    'form',
    { class: 'stop', novalidate: true },
    [
      h('section', { class: 'card community' }, [
        h('p', { class: 'label' }, [t('community')]),
        h('h2', {}, [stop.communityName]),
        h('p', {}, [`${t('district')}: ${stop.districtName} (${stop.provinceName}, ${stop.departmentName})`]),
        h('p', { class: 'help' }, [`${t('sentBy')}: ${stop.organizationName}`]),
      ]),
      h('div', { 'data-errors-for': 'summary', tabindex: -1, class: 'error-summary' }),
      ...stop.lines.map((line, index) => lineFieldset(line.kitTypeNameEs, line.category, form.lines[index])),
      h('section', { class: 'card' }, [
        h('label', { for: nameId }, [t('receivedBy')]),
        h(
          'input',
          { id: nameId, name: 'receivedByName', autocomplete: 'name', maxlength: 200, required: true, value: form.receivedByName },
          [],
          {
            input: (e) => {
              form.receivedByName = (e.target as HTMLInputElement).value;
              revalidate();
            },
          },
        ),
        h('div', { 'data-errors-for': 'name' }),
        h('label', { for: roleId }, [t('role')]),
        h('input', { id: roleId, name: 'receivedByRole', maxlength: 60, list: rolesId, value: form.receivedByRole }, [], {
          input: (e) => (form.receivedByRole = (e.target as HTMLInputElement).value),
        }),
        h(
          'datalist',
          { id: rolesId },
          (['rolePresident', 'roleGovernor', 'roleAgent', 'roleHealth'] as const).map((k) => h('option', { value: t(k) })),
        ),
        h('label', { for: notesId }, [t('notes')]),
        h('textarea', { id: notesId, name: 'notes', rows: 3, maxlength: 2000 }, [form.notes], {
          input: (e) => (form.notes = (e.target as HTMLTextAreaElement).value),
        }),
      ]),
      photoSection(form),
      gpsSection(form),
      h('button', { type: 'submit', class: 'primary big' }, [t('confirm')]),
    ],
    {
      submit: (event) => {
        event.preventDefault();
        void submit();
      },
    },
  );
}

/** Once errors are shown, they follow the corrections (cleared as soon as a line adds up). */
function revalidate(): void {
  if (!state.errors || !state.form) return;
  state.errors = validate(state.form);
  showErrors();
}

/** Fills the error slots of the form in place (no redraw: the person may be typing). */
function showErrors(): void {
  const errors = state.errors;
  for (const slot of root.querySelectorAll<HTMLElement>('[data-errors-for]')) {
    const target = slot.dataset.errorsFor as string;
    let messages: string[];
    if (target === 'summary') messages = errors ? [t('fixErrors')] : [];
    else if (target === 'name') messages = errors?.name ? [t(errors.name)] : [];
    else messages = (errors?.lines[target] ?? []).map((e) => t(e.key, { n: e.n ?? '' }));
    slot.replaceChildren(...messages.map((m) => h('p', { class: 'error', role: target === 'summary' ? 'alert' : undefined }, [m])));
    slot.classList.toggle('card', target === 'summary' && messages.length > 0);
    const field = target === 'name' ? slot.previousElementSibling : null;
    if (field) field.setAttribute('aria-invalid', String(messages.length > 0));
  }
}

function lineFieldset(name: string, category: string, line: LineModel): HTMLElement {
  const reasonId = uid('reason');
  const reason = h(
    'select',
    { id: reasonId, name: 'rejectionReason' },
    [
      h('option', { value: '' }, [t('reasonPick')]),
      ...REJECTION_REASONS.map((r) => h('option', { value: r, selected: line.reason === r }, [t(r)])),
    ],
    {
      change: (e) => {
        line.reason = (e.target as HTMLSelectElement).value as RejectionReason | '';
        revalidate();
      },
    },
  );
  const reasonRow = h('div', { class: 'reason', hidden: line.rejected === 0 }, [h('label', { for: reasonId }, [t('reason')]), reason]);
  const inputs: Partial<Record<'accepted' | 'rejected' | 'missing', HTMLInputElement>> = {};
  const sync = () => {
    for (const field of ['accepted', 'rejected', 'missing'] as const) {
      const input = inputs[field];
      if (input && Number(input.value) !== line[field]) input.value = String(line[field]);
    }
    reasonRow.hidden = line.rejected === 0;
  };
  const stepper = (field: 'accepted' | 'rejected' | 'missing', label: MessageKey) => {
    const id = uid(field);
    const set = (value: number) => {
      line[field] = Math.max(0, Math.min(line.dispatched, Number.isFinite(value) ? Math.trunc(value) : 0));
      if (field !== 'accepted') rebalance(line);
      sync();
      revalidate();
    };
    const input = h(
      'input',
      { id, name: field, type: 'number', inputmode: 'numeric', min: 0, max: line.dispatched, step: 1, value: line[field] },
      [],
      {
        change: (e) => set(Number((e.target as HTMLInputElement).value)),
      },
    );
    inputs[field] = input;
    return h('div', { class: `qty ${field}` }, [
      h('label', { for: id }, [t(label)]),
      h('div', { class: 'stepper' }, [
        h('button', { type: 'button', 'aria-label': `${t('less')}: ${t(label)}` }, ['−'], { click: () => set(line[field] - 1) }),
        input,
        h('button', { type: 'button', 'aria-label': `${t('more')}: ${t(label)}` }, ['+'], { click: () => set(line[field] + 1) }),
      ]),
    ]);
  };
  const legendId = uid('kit');
  return h('fieldset', { class: 'card line', 'aria-labelledby': legendId, 'data-line': line.lineId }, [
    h('div', { class: 'kit' }, [
      trustedMarkup('span', 'pic', kitIcon(category)),
      h('div', {}, [
        h('h3', { id: legendId }, [name]),
        h('p', { class: 'dispatched' }, [`${t('dispatched')}: `, h('strong', {}, [String(line.dispatched)]), ` ${t('kits')}`]),
      ]),
    ]),
    stepper('accepted', 'accepted'),
    stepper('rejected', 'rejected'),
    reasonRow,
    stepper('missing', 'missing'),
    h('div', { 'data-errors-for': line.lineId }),
  ]);
}

function photoSection(form: FormModel): HTMLElement {
  const id = uid('photo');
  const status = h('p', { class: 'help', role: 'status' });
  const section = h('section', { class: 'card' }, [h('p', { class: 'label' }, [t('photo')])]);
  if (form.photo) {
    section.append(
      h('img', { src: form.photo, alt: '', class: 'preview' }),
      h('button', { type: 'button', class: 'secondary' }, [t('photoRemove')], {
        click: () => {
          form.photo = null;
          section.replaceWith(photoSection(form));
        },
      }),
    );
    return section;
  }
  const input = h('input', { id, type: 'file', accept: 'image/*', capture: 'environment', class: 'visually-hidden' }, [], {
    change: () => {
      const file = input.files?.[0];
      if (!file) return;
      status.textContent = t('loading');
      downscalePhoto(file).then(
        (url) => {
          form.photo = url;
          section.replaceWith(photoSection(form));
        },
        () => (status.textContent = t('photoError')),
      );
    },
  });
  section.append(input, h('label', { for: id, class: 'secondary button' }, [t('photoTake')]), status);
  return section;
}

function gpsSection(form: FormModel): HTMLElement {
  const status = h('p', { class: 'help', role: 'status' });
  const section = h('section', { class: 'card' }, [h('p', { class: 'label' }, [t('gps')])]);
  if (form.gps) {
    section.append(
      h('p', {}, [`${form.gps.lat.toFixed(5)}, ${form.gps.lon.toFixed(5)}`]),
      h('button', { type: 'button', class: 'secondary' }, [t('gpsRemove')], {
        click: () => {
          form.gps = null;
          section.replaceWith(gpsSection(form));
        },
      }),
    );
    return section;
  }
  section.append(
    h('button', { type: 'button', class: 'secondary' }, [t('gpsAdd')], {
      click: () => {
        status.textContent = t('gpsWait');
        currentPosition().then(
          (position) => {
            form.gps = position;
            section.replaceWith(gpsSection(form));
          },
          () => (status.textContent = t('gpsError')),
        );
      },
    }),
    status,
  );
  return section;
}

function pendingCard(item: OutboxItem): HTMLElement {
  const retrying = item.problem && item.problem.status >= 500;
  return h('section', { class: 'card pending', role: 'status', 'data-testid': 'confirmation-status' }, [
    h('h2', {}, [t('pending')]),
    state.syncing ? h('p', { class: 'help' }, [t('sending')]) : null,
    h('p', {}, [item.communityName]),
    h(
      'ul',
      { class: 'summary' },
      item.body.lines.map((l) =>
        h('li', {}, [
          t('lineSummary', {
            kit: item.kitNames[l.lineId] ?? '',
            accepted: l.accepted,
            rejected: l.rejected,
            reason: l.rejectionReason ? ` (${t(l.rejectionReason).toLowerCase()})` : '',
            missing: l.missing,
          }),
        ]),
      ),
    ),
    h('p', { class: 'help' }, [t('pendingHelp')]),
    retrying ? h('p', { class: 'help' }, [t('retryLater')]) : null,
    h('p', { class: 'help' }, [`${t('savedAt')}: ${new Date(item.createdAt).toLocaleString('es-PE')}`]),
    h('button', { type: 'button', class: 'secondary', disabled: state.syncing }, [t('syncNow')], { click: () => void runSync() }),
  ]);
}

function doneCard(done: DoneItem): HTMLElement {
  return h('section', { class: 'card done', role: 'status', 'data-testid': 'confirmation-status' }, [
    h('h2', {}, [t('confirmed')]),
    h('p', {}, [done.communityName]),
    h('p', { class: 'help' }, [done.already ? t('alreadyConfirmed') : t('confirmedHelp')]),
  ]);
}

function problemCard(title: string, problem: Problem): HTMLElement {
  return h('section', { class: 'card error', role: 'alert' }, [
    h('h2', {}, [problem.title ?? title]),
    problem.detail ? h('p', {}, [problem.detail]) : null,
    ...(problem.errors ?? []).map((e) => h('p', { class: 'help' }, [[e.field, e.message].filter(Boolean).join(': ')])),
  ]);
}

function anotherLink(): HTMLElement {
  return h('p', {}, [h('a', { href: './', class: 'secondary button' }, [t('openOther')])]);
}

/** Every confirmation still on this phone (a driver may confirm several villages without signal). */
function queueList(): Node {
  const others = state.queue.filter((i) => i.code !== state.code);
  if (others.length === 0) return document.createTextNode('');
  return h('section', { class: 'card queue' }, [
    h('h2', {}, [t('queue')]),
    h(
      'ul',
      {},
      others.map((i) =>
        h('li', {}, [
          h('a', { href: `?c=${i.code}` }, [i.communityName]),
          ' — ',
          i.status === 'pending' ? t('pending') : t('rejectedByServer'),
        ]),
      ),
    ),
  ]);
}

// ---------- boot ----------

function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  navigator.serviceWorker.register('/confirmar/sw.js', { scope: '/confirmar/' }).catch(() => {
    // Without a service worker the page still works online, and the outbox still survives reloads.
  });
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
    if (event.data?.type === 'outbox-synced') void refreshFromStore();
  });
}

function boot(): void {
  setLang(lang());
  registerServiceWorker();
  window.addEventListener('online', () => void runSync());
  window.setInterval(() => {
    if (navigator.onLine && state.queue.some((i) => i.status === 'pending')) void runSync();
  }, RETRY_EVERY_MS);
  const raw = new URLSearchParams(location.search).get('c');
  const code = raw ? normalizeCode(raw) : null;
  state.codeError = raw !== null && code === null;
  const opened = code ? openCode(code) : refreshFromStore(true);
  void opened.then(() => runSync());
}

boot();
