// Saves the clinician's record while it is written: on the bridge (a moment after each change) and in this
// browser, so that neither a reload nor an ended session loses it. The browser's copy is restored when it is
// newer than the bridge's (e.g. typed after the session ended).
(function () {
  'use strict';
  const form = document.querySelector('form[data-draft-url]');
  if (!form) { return; }
  const state = document.getElementById('draft-state');
  const key = form.dataset.draftKey;
  const ja = document.documentElement.lang !== 'en';
  const text = ja
    ? { saved: '下書きを保存しました ', offline: 'サインインの有効期限が切れました。下書きはこのブラウザに保存されています。もう一度サインインしてください。', failed: '下書きを保存できませんでした。このブラウザには残っています。', restored: 'このブラウザに残っていた下書きを戻しました。' }
    : { saved: 'Draft saved ', offline: 'Your sign-in has expired. The draft is kept in this browser; please sign in again.', failed: 'The draft could not be saved on the server; it is kept in this browser.', restored: 'Restored the draft kept in this browser.' };
  const csrfHeader = document.querySelector('meta[name=_csrf_header]').content;
  const csrfToken = document.querySelector('meta[name=_csrf]').content;

  const fields = () => {
    const data = {};
    for (const element of form.elements) {
      if (!element.name || element.name === '_csrf') { continue; }
      (data[element.name] = data[element.name] || []).push(element.type === 'checkbox' ? (element.checked ? element.value : '') : element.value);
    }
    return data;
  };
  const restore = data => {
    const seen = {};
    for (const element of form.elements) {
      if (!element.name || !(element.name in data)) { continue; }
      const index = seen[element.name] = (seen[element.name] ?? -1) + 1;
      const value = data[element.name][index] ?? '';
      if (element.type === 'checkbox') { element.checked = value !== ''; } else { element.value = value; }
    }
  };
  const kept = JSON.parse(localStorage.getItem(key) || 'null');
  if (kept && kept.savedAt > Number(form.dataset.savedAt)) {
    restore(kept.fields);
    state.textContent = text.restored;
  }

  let timer = null;
  const save = async () => {
    const body = new URLSearchParams();
    for (const [name, values] of Object.entries(fields())) {
      values.forEach(value => body.append(name, value));
    }
    localStorage.setItem(key, JSON.stringify({ fields: fields(), savedAt: Date.now() }));
    try {
      const response = await fetch(form.dataset.draftUrl, { method: 'POST', body: body, credentials: 'same-origin',
        headers: { [csrfHeader]: csrfToken, 'Accept': 'application/json' }, redirect: 'manual' });
      if (response.status === 401 || response.type === 'opaqueredirect') { state.textContent = text.offline; return; }
      if (!response.ok) { state.textContent = text.failed; return; }
      const answer = await response.json();
      state.textContent = text.saved + new Date(answer.savedAt).toLocaleTimeString(ja ? 'ja-JP' : 'en-GB');
    } catch (e) {
      state.textContent = text.failed;
    }
  };
  form.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(save, 800); });
  form.addEventListener('change', () => { clearTimeout(timer); timer = setTimeout(save, 200); });
  window.phrhubDraft = { saveNow: save };
}());
