// FactoryTwin replay viewer: reads the JSON in #replay-data (format "factorytwin-replay" v1,
// docs/viewer.md) and draws it with three.js. World frame: Z up, metres, quaternions (w, x, y, z).
'use strict';
(function () {
  const THREE = window.THREE;
  const D = JSON.parse(document.getElementById('replay-data').textContent);
  if (D.format !== 'factorytwin-replay' || D.version !== 1) {
    throw new Error('replay data: format ' + D.format + ' v' + D.version + ', this viewer reads factorytwin-replay v1');
  }
  const F = D.frames || {};
  const frameTimes = F.times || [];
  const duration = Math.max(D.duration, 1e-6);

  // ---- scene, camera, lights
  const view = document.getElementById('view');
  const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(window.devicePixelRatio || 1);
  view.appendChild(renderer.domElement);
  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0xe9edf1);
  const camera = new THREE.PerspectiveCamera(45, 1, 0.05, 5000);
  camera.up.set(0, 0, 1);
  scene.add(new THREE.HemisphereLight(0xffffff, 0x8a8f96, 2.2));
  const sun = new THREE.DirectionalLight(0xffffff, 1.6);
  sun.position.set(0.4, -0.6, 1.0);
  scene.add(sun);

  const min = D.extent.min, max = D.extent.max;
  const centre = new THREE.Vector3((min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 3);
  const size = Math.max(max[0] - min[0], max[1] - min[1], max[2] - min[2], 1);

  // ---- helpers
  // bodies in muted tones, overlays in saturated ones, so a band never vanishes against its body
  const bodyPalette = [0xc8a46e, 0x7f9cc0, 0x9bb07a, 0xc08a7a, 0x9a8cc0, 0x7fb0aa, 0xb8b070, 0xb08cb0];
  const palette = [0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x17becf, 0xe377c2];
  function geometry(s) {
    if (s.type === 'box') return new THREE.BoxGeometry(s.size[0], s.size[1], s.size[2]);
    if (s.type === 'cylinder') return new THREE.CylinderGeometry(s.radius, s.radius, s.height, 28).rotateX(Math.PI / 2);
    return new THREE.SphereGeometry(s.radius, 28, 18);
  }
  function setPose(obj, p, o) { // p: [x y z qw qx qy qz] from offset o
    obj.position.set(p[o], p[o + 1], p[o + 2]);
    obj.quaternion.set(p[o + 4], p[o + 5], p[o + 6], p[o + 3]);
  }
  function poseArray(e) { return e.pos.concat(e.rot); }
  function line(points, color, dashed) {
    const g = new THREE.BufferGeometry().setFromPoints(points);
    const m = dashed ? new THREE.LineDashedMaterial({ color: color, dashSize: 0.12, gapSize: 0.08 })
                     : new THREE.LineBasicMaterial({ color: color });
    const l = new THREE.Line(g, m);
    if (dashed) l.computeLineDistances();
    return l;
  }
  function points(xyz) {
    const out = [];
    for (let i = 0; i < xyz.length; i += 3) out.push(new THREE.Vector3(xyz[i], xyz[i + 1], xyz[i + 2]));
    return out;
  }
  const legend = document.getElementById('legend');
  const groups = {};
  function legendEntry(name, color, group) {
    const div = document.createElement('div');
    const lab = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.addEventListener('change', function () { group.visible = box.checked; draw(); });
    const sw = document.createElement('span');
    sw.className = 'sw';
    sw.style.background = '#' + new THREE.Color(color).getHexString();
    lab.appendChild(box);
    lab.appendChild(sw);
    lab.appendChild(document.createTextNode(name));
    div.appendChild(lab);
    legend.appendChild(div);
  }
  function group(name) {
    const g = new THREE.Group();
    g.name = name;
    scene.add(g);
    groups[name] = g;
    return g;
  }

  // ---- floor
  if (D.floor) {
    const margin = Math.max(1, 0.3 * size), w = (max[0] - min[0]) + 2 * margin, h = (max[1] - min[1]) + 2 * margin;
    const n = Math.ceil(Math.max(w, h)); // a square floor of whole metres, gridded every metre
    const floor = new THREE.Mesh(new THREE.PlaneGeometry(n, n),
      new THREE.MeshStandardMaterial({ color: 0xc9ced4, roughness: 1 }));
    floor.position.set((min[0] + max[0]) / 2, (min[1] + max[1]) / 2, -0.002);
    scene.add(floor);
    const grid = new THREE.GridHelper(n, n, 0x9aa1a9, 0xb4bac1);
    grid.rotateX(Math.PI / 2);
    grid.position.set(floor.position.x, floor.position.y, 0);
    scene.add(grid);
  }

  // ---- fixtures (static, or moving when the recording says so)
  const kindColour = { conveyor: 0x3c4650, robotarm: 0xf08c00, pusher: 0xe0b000, stopper: 0xe0b000, fixture: 0x8796a8 };
  const fixtures = D.fixtures.map(function (f) {
    const m = new THREE.Mesh(geometry(f.shape), new THREE.MeshStandardMaterial({
      color: kindColour[f.kind] || kindColour.fixture, roughness: 0.8, metalness: 0.1 }));
    setPose(m, poseArray(f), 0);
    m.name = f.id;
    scene.add(m);
    return m;
  });

  // ---- workpieces
  const bodies = D.bodies.map(function (b, i) {
    const colour = b.hook ? 0x505a64 : bodyPalette[i % bodyPalette.length];
    const m = new THREE.Mesh(geometry(b.shape), new THREE.MeshStandardMaterial({ color: colour, roughness: 0.6 }));
    setPose(m, poseArray(b), 0);
    m.name = b.id;
    scene.add(m);
    return m;
  });
  const byId = {};
  fixtures.forEach(function (m) { byId[m.name] = m; });
  bodies.forEach(function (m) { byId[m.name] = m; });

  // ---- zones
  const zoneGroup = group('zones');
  const zones = D.zones.map(function (z) {
    const g = new THREE.BoxGeometry(z.size[0], z.size[1], z.size[2]);
    const mat = new THREE.MeshBasicMaterial({ color: 0xe53935, transparent: true, opacity: 0.12, depthWrite: false });
    const m = new THREE.Mesh(g, mat);
    m.add(new THREE.LineSegments(new THREE.EdgesGeometry(g), new THREE.LineBasicMaterial({ color: 0xb71c1c })));
    setPose(m, poseArray(z), 0);
    m.name = z.id;
    zoneGroup.add(m);
    byId[z.id] = m;
    return { mesh: m, half: z.size.map(function (s) { return s / 2; }) };
  });
  if (zones.length) legendEntry('zones (lit while a body is inside)', 0xe53935, zoneGroup);

  // ---- cranes: runway rails, bridge, trolley, rope
  const cranes = D.cranes.map(function (c) {
    const o = c.origin, top = o[2] + c.ropeTop;
    const x0 = o[0] + c.trolley[0] - 0.4, x1 = o[0] + c.trolley[1] + 0.4;
    const y0 = o[1] + c.bridge[0] - 0.4, y1 = o[1] + c.bridge[1] + 0.4;
    const steel = new THREE.MeshStandardMaterial({ color: 0xf2b705, roughness: 0.5 });
    [x0, x1].forEach(function (x) {
      const rail = new THREE.Mesh(new THREE.BoxGeometry(0.3, y1 - y0, 0.4), steel);
      rail.position.set(x, (y0 + y1) / 2, top + 0.45);
      scene.add(rail);
    });
    const bridge = new THREE.Mesh(new THREE.BoxGeometry(x1 - x0, 0.5, 0.35), steel);
    bridge.position.set((x0 + x1) / 2, o[1] + c.bridge[0], top + 0.45);
    scene.add(bridge);
    const trolley = new THREE.Mesh(new THREE.BoxGeometry(0.8, 0.8, 0.3),
      new THREE.MeshStandardMaterial({ color: 0x37474f }));
    scene.add(trolley);
    const rope = line([new THREE.Vector3(), new THREE.Vector3(0, 0, -1)], 0x111111, false);
    scene.add(rope);
    byId[c.id] = trolley;
    return { bridge: bridge, trolley: trolley, rope: rope };
  });

  // ---- photo-eyes (beams, red while blocked) and sinks (wire boxes)
  const eyes = (D.eyes || []).map(function (e) {
    const beam = line([new THREE.Vector3().fromArray(e.from), new THREE.Vector3().fromArray(e.to)], 0x2e7d32, false);
    scene.add(beam);
    byId[e.id] = beam;
    return beam;
  });
  (D.sinks || []).forEach(function (k) {
    const box = new THREE.LineSegments(new THREE.EdgesGeometry(new THREE.BoxGeometry(k.size[0], k.size[1], k.size[2])),
      new THREE.LineBasicMaterial({ color: 0x546e7a }));
    setPose(box, poseArray(k), 0);
    scene.add(box);
    byId[k.id] = box;
  });

  // ---- links (rigid ropes of hanging bodies)
  const links = D.links.map(function (l) {
    const ln = line([new THREE.Vector3().fromArray(l.pivot), new THREE.Vector3()], 0x111111, false);
    scene.add(ln);
    return { line: ln, body: l.body, anchor: new THREE.Vector3().fromArray(l.anchor), pivot: new THREE.Vector3().fromArray(l.pivot) };
  });

  // ---- tracks and predictions
  let colourIndex = 0;
  function nextColour() { return palette[(colourIndex++) % palette.length]; }
  const trackGroup = group('tracks');
  const tracks = D.tracks.map(function (t) {
    const colour = nextColour();
    const g = new THREE.Group();
    g.add(line(points(t.positions), colour, false));
    const marker = new THREE.Mesh(new THREE.SphereGeometry(0.05 * Math.max(1, size / 20), 16, 12),
      new THREE.MeshBasicMaterial({ color: colour }));
    g.add(marker);
    trackGroup.add(g);
    legendEntry(t.element + ' · ' + t.label, colour, g);
    return { t: t, marker: marker };
  });
  const predictedGroup = group('predicted');
  const predicted = D.predicted.map(function (p) {
    const colour = nextColour();
    const g = new THREE.Group();
    g.add(line(points(p.mean), colour, true));
    const band = new THREE.Mesh(new THREE.SphereGeometry(1, 24, 16),
      new THREE.MeshBasicMaterial({ color: colour, transparent: true, opacity: 0.25, depthWrite: false }));
    g.add(band);
    const marker = new THREE.Mesh(new THREE.SphereGeometry(0.04 * Math.max(1, size / 20), 16, 12),
      new THREE.MeshBasicMaterial({ color: colour }));
    g.add(marker);
    predictedGroup.add(g);
    const banded = p.halfWidths.some(function (v) { return v > 0; });
    legendEntry(p.element + ' · ' + p.label + (banded ? ' (predicted, with band)' : ' (predicted)'), colour, g);
    return { p: p, band: band, marker: marker };
  });

  // overlays are drawn over the bodies: a load's measured centre lies inside the load
  [trackGroup, predictedGroup].forEach(function (g) {
    g.traverse(function (o) {
      if (o.material) o.material.depthTest = false;
      o.renderOrder = 10;
    });
  });

  // ---- timeline marks and the event box
  const slider = document.getElementById('time');
  const SLIDER_MAX = 10000;
  slider.max = String(SLIDER_MAX);
  const marks = document.getElementById('marks');
  D.events.forEach(function (e) {
    const m = document.createElement('div');
    m.className = 'mark';
    m.style.left = (100 * e.time / duration) + '%';
    m.title = e.time.toFixed(3) + ' s: ' + e.label;
    m.addEventListener('click', function () { pause(); setTime(e.time); });
    marks.appendChild(m);
  });
  const eventsNow = document.getElementById('events-now');
  const outline = new THREE.BoxHelper(undefined, 0xc62828);
  outline.visible = false;
  scene.add(outline);

  // ---- sampling
  function bracket(times, t) { // index i with times[i] <= t < times[i+1], and the fraction
    let lo = 0, hi = times.length - 1;
    if (t <= times[0]) return [0, 0];
    if (t >= times[hi]) return [hi, 0];
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (times[mid] <= t) lo = mid; else hi = mid;
    }
    return [lo, (t - times[lo]) / (times[lo + 1] - times[lo])];
  }
  function sample(times, xyz, t, out) {
    const b = bracket(times, t), i = b[0], f = b[1];
    const j = Math.min(i + 1, times.length - 1);
    out.set(xyz[3 * i] + f * (xyz[3 * j] - xyz[3 * i]), xyz[3 * i + 1] + f * (xyz[3 * j + 1] - xyz[3 * i + 1]),
      xyz[3 * i + 2] + f * (xyz[3 * j + 2] - xyz[3 * i + 2]));
    return out;
  }
  const qa = new THREE.Quaternion(), qb = new THREE.Quaternion(), va = new THREE.Vector3(), vb = new THREE.Vector3();
  function blendPose(obj, pa, oa, pb, ob, f) {
    va.set(pa[oa], pa[oa + 1], pa[oa + 2]);
    vb.set(pb[ob], pb[ob + 1], pb[ob + 2]);
    obj.position.lerpVectors(va, vb, f);
    qa.set(pa[oa + 4], pa[oa + 5], pa[oa + 6], pa[oa + 3]);
    qb.set(pb[ob + 4], pb[ob + 5], pb[ob + 6], pb[ob + 3]);
    obj.quaternion.slerpQuaternions(qa, qb, f);
  }

  // ---- state of the page
  let time = 0, playing = false, speed = 1, last = null;
  const clock = document.getElementById('clock');
  const tmp = new THREE.Vector3(), local = new THREE.Vector3(), inv = new THREE.Quaternion();

  function apply(t) {
    if (frameTimes.length) {
      const b = bracket(frameTimes, t), i = b[0], f = b[1], j = Math.min(i + 1, frameTimes.length - 1);
      const pi = F.poses[i], pj = F.poses[j], si = F.shown[i];
      bodies.forEach(function (m, k) {
        m.visible = si.charAt(k) === '1';
        if (m.visible) blendPose(m, pi, 7 * k, F.shown[j].charAt(k) === '1' ? pj : pi, 7 * k, f);
      });
      const fi = F.fixtures[i], fj = F.fixtures[j];
      D.moving.forEach(function (fx, k) {
        const m = fixtures[fx];
        m.visible = fi[8 * k + 7] === 1;
        blendPose(m, fi, 8 * k, fj, 8 * k, f);
      });
      cranes.forEach(function (c, k) {
        const ri = F.ropes[i], rj = F.ropes[j], o = 6 * k;
        const top = new THREE.Vector3(ri[o], ri[o + 1], ri[o + 2]).lerp(new THREE.Vector3(rj[o], rj[o + 1], rj[o + 2]), f);
        const hook = new THREE.Vector3(ri[o + 3], ri[o + 4], ri[o + 5]).lerp(new THREE.Vector3(rj[o + 3], rj[o + 4], rj[o + 5]), f);
        c.trolley.position.set(top.x, top.y, top.z + 0.15);
        c.bridge.position.y = top.y;
        c.rope.geometry.setFromPoints([top, hook]);
      });
      eyes.forEach(function (beam, k) {
        beam.material.color.setHex(F.eyes && F.eyes[i].charAt(k) === '1' ? 0xd50000 : 0x2e7d32);
      });
    }
    links.forEach(function (l) {
      const m = bodies[l.body];
      tmp.copy(l.anchor).applyQuaternion(m.quaternion).add(m.position);
      l.line.geometry.setFromPoints([l.pivot, tmp]);
    });
    zones.forEach(function (z) {
      let inside = false;
      inv.copy(z.mesh.quaternion).invert();
      bodies.forEach(function (m) {
        if (!m.visible) return;
        local.copy(m.position).sub(z.mesh.position).applyQuaternion(inv);
        if (Math.abs(local.x) <= z.half[0] && Math.abs(local.y) <= z.half[1] && Math.abs(local.z) <= z.half[2]) inside = true;
      });
      z.mesh.material.opacity = inside ? 0.45 : 0.12;
    });
    tracks.forEach(function (k) { sample(k.t.times, k.t.positions, t, k.marker.position); });
    predicted.forEach(function (k) {
      sample(k.p.times, k.p.mean, t, k.marker.position);
      k.band.position.copy(k.marker.position);
      sample(k.p.times, k.p.halfWidths, t, tmp);
      k.band.scale.set(Math.max(tmp.x, 1e-3), Math.max(tmp.y, 1e-3), Math.max(tmp.z, 1e-3));
    });
    const near = D.events.filter(function (e) { return Math.abs(e.time - t) <= 0.5; });
    eventsNow.style.display = near.length ? 'block' : 'none';
    eventsNow.textContent = near.map(function (e) { return e.time.toFixed(2) + ' s  ' + e.label; }).join('\n');
    const target = near.length && near[0].element ? byId[near[0].element] : null;
    outline.visible = !!target;
    if (target) outline.setFromObject(target);
  }

  // ---- camera: orbit about a target
  const orbit = { target: centre.clone(), az: -0.9, el: 0.55, dist: Math.max(1.6 * size, 1.5) };
  // with overlays, the view opens on them (they are what the page is about); zoom out for the rest
  const overlay = [];
  D.tracks.forEach(function (t) { overlay.push(t.positions); });
  D.predicted.forEach(function (p) { overlay.push(p.mean); });
  if (overlay.length) {
    const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
    overlay.forEach(function (xyz) {
      for (let i = 0; i < xyz.length; i++) {
        lo[i % 3] = Math.min(lo[i % 3], xyz[i]);
        hi[i % 3] = Math.max(hi[i % 3], xyz[i]);
      }
    });
    orbit.target.set((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2);
    orbit.dist = Math.min(orbit.dist, Math.max(2.5 * Math.max(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]), 4));
  }
  function placeCamera() {
    const c = Math.cos(orbit.el);
    camera.position.set(orbit.target.x + orbit.dist * c * Math.cos(orbit.az),
      orbit.target.y + orbit.dist * c * Math.sin(orbit.az), orbit.target.z + orbit.dist * Math.sin(orbit.el));
    camera.lookAt(orbit.target);
  }
  let drag = null;
  renderer.domElement.addEventListener('pointerdown', function (e) { drag = { x: e.clientX, y: e.clientY, pan: e.shiftKey || e.button === 2 }; });
  window.addEventListener('pointerup', function () { drag = null; });
  window.addEventListener('pointermove', function (e) {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    drag.x = e.clientX; drag.y = e.clientY;
    if (drag.pan) {
      const s = orbit.dist / 800;
      // screen right on the floor is (−sin az, cos az); away from the viewer is (−cos az, −sin az)
      orbit.target.x += s * (dx * Math.sin(orbit.az) - dy * Math.cos(orbit.az));
      orbit.target.y += s * (-dx * Math.cos(orbit.az) - dy * Math.sin(orbit.az));
    } else {
      orbit.az -= dx * 0.006;
      orbit.el = Math.min(1.5, Math.max(-0.1, orbit.el + dy * 0.006));
    }
    draw();
  });
  renderer.domElement.addEventListener('wheel', function (e) {
    e.preventDefault();
    orbit.dist = Math.min(4000, Math.max(0.3, orbit.dist * Math.exp(e.deltaY * 0.001)));
    draw();
  }, { passive: false });
  renderer.domElement.addEventListener('contextmenu', function (e) { e.preventDefault(); });

  // ---- controls
  const playButton = document.getElementById('play');
  function play() {
    if (time >= duration) time = 0;
    playing = true;
    last = null;
    playButton.textContent = 'pause';
  }
  function pause() {
    playing = false;
    playButton.textContent = 'play';
  }
  function setTime(t) {
    time = Math.min(duration, Math.max(0, t));
    slider.value = String(Math.round(SLIDER_MAX * time / duration));
    draw();
  }
  playButton.addEventListener('click', function () { if (playing) pause(); else play(); });
  slider.addEventListener('input', function () {
    time = duration * Number(slider.value) / SLIDER_MAX;
    draw();
  });
  document.getElementById('speed').addEventListener('change', function (e) { speed = Number(e.target.value); });
  window.addEventListener('keydown', function (e) {
    if (e.target.tagName === 'SELECT') return;
    const step = frameTimes.length > 1 ? frameTimes[1] - frameTimes[0] : duration / 100;
    if (e.code === 'Space') { e.preventDefault(); if (playing) pause(); else play(); }
    if (e.code === 'ArrowRight') { pause(); setTime(time + step); }
    if (e.code === 'ArrowLeft') { pause(); setTime(time - step); }
  });

  let frames = 0;
  function resize() {
    const w = view.clientWidth || 800, h = view.clientHeight || 600;
    renderer.setSize(w, h);
    camera.aspect = w / h;
    camera.updateProjectionMatrix();
  }
  function draw() {
    apply(time);
    placeCamera();
    renderer.render(scene, camera);
    clock.textContent = time.toFixed(3) + ' / ' + duration.toFixed(3) + ' s';
    frames++;
  }
  window.addEventListener('resize', function () { resize(); draw(); });
  function loop(now) {
    if (playing) {
      if (last !== null) {
        time = Math.min(duration, time + speed * (now - last) / 1000);
        slider.value = String(Math.round(SLIDER_MAX * time / duration));
        if (time >= duration) pause();
      }
      last = now;
      draw();
    }
    requestAnimationFrame(loop);
  }
  resize();
  const start = /(?:^#|&)t=([0-9.]+)/.exec(window.location.hash); // replay.html#t=12.5 opens at 12.5 s
  if (start) setTime(Number(start[1])); else draw();
  requestAnimationFrame(loop);

  // For hosts' tests and scripts: read-only data and the controls.
  window.factoryTwinReplay = {
    data: D,
    duration: duration,
    setTime: setTime,
    time: function () { return time; },
    play: play,
    pause: pause,
    drawn: function () { return frames; }
  };
})();
