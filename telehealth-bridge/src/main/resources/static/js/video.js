// The video visit: WebRTC between the clinician's and the patient's browsers, signalled through the bridge's
// WebSocket (/signal/{appointment}). The clinician's browser always makes the offer and the patient's answers,
// so the two never offer at once. Every few seconds the browser tells the bridge whether it has received the
// other side's video and sound: the record of an online visit needs both.
'use strict';
(function () {
  const panel = document.getElementById('video-panel');
  if (!panel) {
    return;
  }
  const byId = id => document.getElementById(id);
  const local = byId('local-video');
  const remote = byId('remote-video');
  const stateLine = byId('video-state');
  const joinButton = byId('join-video');
  const leaveButton = byId('leave-video');
  const cameraButton = byId('toggle-camera');
  const microphoneButton = byId('toggle-microphone');
  const shrinkButton = byId('shrink-video');
  const iceServers = JSON.parse(panel.dataset.iceServers || '[]');
  const REPORT_EVERY_MS = 3000;
  /** The bridge's close code for "the same person joined again in another tab". */
  const REPLACED = 4001;

  /** The wording of data-msg-* in the page's language, e.g. text('peer-left') reads data-msg-peer-left. */
  const text = key => panel.dataset['msg' + key.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase())];

  let socket = null;
  let connection = null;
  let stream = null;
  let role = null;
  let reporter = null;
  let pendingCandidates = [];
  let signals = Promise.resolve();

  function show(state) {
    stateLine.dataset.state = state;
    stateLine.textContent = text(state);
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
    }
  }

  async function join() {
    joinButton.disabled = true;
    show('starting');
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: true });
    } catch (e) {
      console.warn('No camera or microphone:', e);
      show('no-devices');
      joinButton.disabled = false;
      return;
    }
    local.srcObject = stream;
    setDevice('video', cameraButton, 'camera', true);
    setDevice('audio', microphoneButton, 'microphone', true);
    cameraButton.disabled = false;
    microphoneButton.disabled = false;
    inCall(true);
    openSignalling();
  }

  function openSignalling() {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + panel.dataset.signalPath);
    let opened = false;
    socket = ws;
    ws.onopen = () => {
      opened = true;
      reporter = setInterval(report, REPORT_EVERY_MS);
    };
    // One message at a time: an offer must be applied before the candidates that follow it.
    ws.onmessage = event => {
      signals = signals.then(() => onSignal(JSON.parse(event.data))).catch(e => console.warn('Signalling:', e));
    };
    ws.onclose = event => {
      if (socket !== ws) {
        return; // left on purpose
      }
      // A refused handshake closes before it ever opened; the browser does not tell why.
      end(!opened ? 'refused' : event.code === REPLACED ? 'replaced' : 'lost');
    };
  }

  async function onSignal(message) {
    switch (message.type) {
      case 'welcome':
        role = message.role;
        if (message.peerPresent) {
          await peerArrived();
        } else {
          show('waiting');
        }
        break;
      case 'peer-joined':
        await peerArrived();
        break;
      case 'peer-left':
      case 'bye':
        closeConnection();
        show('peer-left');
        break;
      case 'offer':
        if (role !== 'patient') {
          return;
        }
        if (!connection) {
          newConnection();
        }
        await connection.setRemoteDescription(message.description);
        await addPendingCandidates();
        await connection.setLocalDescription();
        send({ type: 'answer', description: connection.localDescription });
        break;
      case 'answer':
        if (connection && connection.signalingState === 'have-local-offer') {
          await connection.setRemoteDescription(message.description);
          await addPendingCandidates();
        }
        break;
      case 'candidate':
        if (!connection || !message.candidate) {
          return;
        }
        if (connection.remoteDescription) {
          await connection.addIceCandidate(message.candidate);
        } else {
          pendingCandidates.push(message.candidate);
        }
        break;
      default:
        break;
    }
  }

  /** The other participant is here (again): start afresh, the clinician with an offer. */
  async function peerArrived() {
    closeConnection();
    newConnection();
    show('connecting');
    if (role === 'clinician') {
      await offer(connection, false);
    }
  }

  async function offer(pc, iceRestart) {
    await pc.setLocalDescription(await pc.createOffer({ iceRestart }));
    send({ type: 'offer', description: pc.localDescription });
  }

  function newConnection() {
    const pc = new RTCPeerConnection({ iceServers });
    connection = pc;
    pendingCandidates = [];
    stream.getTracks().forEach(track => pc.addTrack(track, stream));
    pc.onicecandidate = event => {
      if (event.candidate && connection === pc) {
        send({ type: 'candidate', candidate: event.candidate });
      }
    };
    pc.ontrack = event => {
      const incoming = event.streams[0] || new MediaStream([event.track]);
      if (connection === pc && remote.srcObject !== incoming) {
        remote.srcObject = incoming;
        remote.play().catch(() => { /* plays once the person has pressed Join; they have */ });
      }
    };
    pc.onconnectionstatechange = () => {
      if (connection !== pc) {
        return;
      }
      if (pc.connectionState === 'connected') {
        show('connected');
      } else if (pc.connectionState === 'disconnected') {
        show('connecting');
      } else if (pc.connectionState === 'failed') {
        show('connecting');
        if (role === 'clinician') {
          offer(pc, true).catch(e => console.warn('ICE restart:', e));
        }
      }
    };
  }

  async function addPendingCandidates() {
    const waiting = pendingCandidates;
    pendingCandidates = [];
    for (const candidate of waiting) {
      await connection.addIceCandidate(candidate);
    }
  }

  function closeConnection() {
    if (connection) {
      connection.close();
      connection = null;
    }
    pendingCandidates = [];
    remote.srcObject = null;
  }

  function leave() {
    send({ type: 'bye' });
    const ws = socket;
    socket = null;
    if (ws) {
      ws.close(1000);
    }
    end('left');
  }

  function end(state) {
    socket = null;
    clearInterval(reporter);
    reporter = null;
    closeConnection();
    if (stream) {
      stream.getTracks().forEach(track => track.stop());
      stream = null;
    }
    local.srcObject = null;
    role = null;
    setDevice('video', cameraButton, 'camera', true);
    setDevice('audio', microphoneButton, 'microphone', true);
    cameraButton.disabled = true;
    microphoneButton.disabled = true;
    inCall(false);
    show(state);
  }

  /** Only the button that applies is shown: a faded Join beside Leave would only puzzle people. */
  function inCall(joined) {
    joinButton.hidden = joined;
    joinButton.disabled = false;
    leaveButton.hidden = !joined;
    leaveButton.disabled = !joined;
  }

  /** Turns the camera or microphone on or off; the picture and sound stop but the call stays up. */
  function setDevice(kind, button, name, on) {
    if (stream) {
      stream.getTracks().filter(track => track.kind === kind).forEach(track => { track.enabled = on; });
    }
    button.dataset.on = String(on);
    button.textContent = text(name + (on ? '-on' : '-off'));
  }

  /** What this browser has received of the other side, from the connection's statistics. */
  async function received() {
    const result = { framesDecoded: 0, audioPacketsReceived: 0, audioBytesReceived: 0 };
    if (!connection) {
      return result;
    }
    (await connection.getStats()).forEach(s => {
      if (s.type !== 'inbound-rtp') {
        return;
      }
      if (s.kind === 'video') {
        result.framesDecoded += s.framesDecoded || 0;
      } else if (s.kind === 'audio') {
        result.audioPacketsReceived += s.packetsReceived || 0;
        result.audioBytesReceived += s.bytesReceived || 0;
      }
    });
    return result;
  }

  async function report() {
    const r = await received();
    send({ type: 'media', remoteVideoFramesDecoded: r.framesDecoded,
      remoteAudio: r.audioPacketsReceived > 0 || r.audioBytesReceived > 0 });
  }

  joinButton.addEventListener('click', () => { join().catch(e => { console.warn('Join:', e); end('lost'); }); });
  leaveButton.addEventListener('click', leave);
  cameraButton.addEventListener('click', () => setDevice('video', cameraButton, 'camera', cameraButton.dataset.on !== 'true'));
  microphoneButton.addEventListener('click', () => setDevice('audio', microphoneButton, 'microphone', microphoneButton.dataset.on !== 'true'));
  if (shrinkButton) {
    shrinkButton.addEventListener('click', () => {
      const small = panel.closest('.visit-grid').classList.toggle('video-small');
      shrinkButton.textContent = text(small ? 'enlarge' : 'shrink');
    });
  }
  window.addEventListener('pagehide', () => { if (socket) { leave(); } });

  // For tests and support: what this browser receives now. Read-only.
  Object.defineProperty(window, 'phrhubVideo', {
    value: Object.freeze({
      async stats() {
        const r = await received();
        return { framesDecoded: r.framesDecoded, remoteVideoWidth: remote.videoWidth, audioPacketsReceived: r.audioPacketsReceived };
      },
      get state() {
        return stateLine.dataset.state;
      }
    }),
    writable: false,
    configurable: false
  });
}());
