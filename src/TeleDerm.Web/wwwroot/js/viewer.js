// The dermoscopy viewer's front end: one OpenSeadragon viewer per pane, each image a pyramid of 512-pixel
// tiles made by the server when the photo was stored (only the tiles on screen, at the screen's resolution,
// are fetched; zooming in fetches the next levels up to the photo's own pixels), zoom and pan synchronized by relative position
// with a per-pane alignment offset, rotate/flip, brightness/contrast/gamma, an overlay of the prior,
// and drawing of measurements in image pixels. The page (ViewerPage.razor) owns the state that is
// saved; this module draws and reports what the user drew through the .NET reference.

const osdUrl = "lib/openseadragon/openseadragon.min.js";
let osdLoading;

/** OpenSeadragon is a classic script (UMD): load it once with a script element, then use the global. */
function loadOpenSeadragon() {
  if (window.OpenSeadragon) return Promise.resolve(window.OpenSeadragon);
  osdLoading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = osdUrl;
    script.onload = () => resolve(window.OpenSeadragon);
    script.onerror = () => reject(new Error("OpenSeadragon could not be loaded from " + osdUrl));
    document.head.appendChild(script);
  });
  return osdLoading;
}

const svgNs = "http://www.w3.org/2000/svg";

export async function create(root, dotnet) {
  const OSD = await loadOpenSeadragon();
  const viewer = new Viewer(OSD, root, dotnet);
  root.addEventListener("keydown", e => viewer.onKey(e));
  // Timeline → pane by drag and drop: the image's SOP Instance UID travels in the drag data.
  root.addEventListener("dragstart", e => {
    const item = e.target.closest?.("[data-timeline-sop]");
    if (item) { e.dataTransfer.setData("text/plain", item.dataset.timelineSop); e.dataTransfer.effectAllowed = "copy"; }
  });
  root.addEventListener("dragover", e => { if (e.target.closest?.("[data-pane-index]")) e.preventDefault(); });
  root.addEventListener("drop", e => {
    const pane = e.target.closest?.("[data-pane-index]");
    const sop = e.dataTransfer.getData("text/plain");
    if (pane && sop) { e.preventDefault(); dotnet.invokeMethodAsync("DropImage", Number(pane.dataset.paneIndex), sop); }
  });
  return viewer;
}

class Viewer {
  constructor(OSD, root, dotnet) {
    this.OSD = OSD;
    this.root = root;
    this.dotnet = dotnet;
    this.panes = new Map();      // index -> Pane
    this.sync = true;
    this.aligning = false;
    this.syncing = false;
    this.tool = "pan";
    this.active = 0;
    this.adjust = { brightness: 1, contrast: 1, gamma: 1 };
    this.annotations = [];
    this.overlay = { on: false, opacity: 0.5 };
    this.openedAt = performance.now();
  }

  /** panes: [{ index, sop, width, height, tiles: { url, tileSize, minLevel, maxLevel } }] in pane order; a pane element [data-pane-index] exists for each. */
  setPanes(panes) {
    this.openedAt = performance.now();
    performance.mark("viewer-panes-set");
    for (const [index, pane] of this.panes) {
      if (!panes.some(p => p.index === index && p.sop === pane.image.sop)) {
        pane.destroy();
        this.panes.delete(index);
      }
    }
    for (const image of panes) {
      if (this.panes.has(image.index)) continue;
      const element = this.root.querySelector(`[data-pane-index="${image.index}"] .pane-canvas`);
      if (!element) continue;
      this.panes.set(image.index, new Pane(this, element, image));
    }
    this.applyAdjust();
    this.applyOverlay();
  }

  pane(index) { return this.panes.get(index); }

  /**
   * The images of the lesion likely opened next (same shape as setPanes'): once every pane here is drawn, their tiles
   * at the size the panes would show them are fetched at low priority, so the next lesion appears from the cache.
   */
  setPrefetch(images) {
    this.prefetch = images;
    this.prefetchIfIdle();
  }

  prefetchIfIdle() {
    const panes = [...this.panes.values()];
    if (!this.prefetch?.length || panes.length === 0 || panes.some(p => p.host.dataset.loaded !== "full")) return;
    const images = this.prefetch;
    this.prefetch = null;
    for (const image of images) {
      const element = this.root.querySelector(`[data-pane-index="${image.index}"] .pane-canvas`);
      if (!element) continue;
      const level = homeLevel(image, element.clientWidth * devicePixelRatio, element.clientHeight * devicePixelRatio);
      const scale = Math.pow(2, image.tiles.maxLevel - level), size = image.tiles.tileSize;
      const columns = Math.ceil(Math.ceil(image.width / scale) / size), rows = Math.ceil(Math.ceil(image.height / scale) / size);
      for (let y = 0; y < rows; y++) {
        for (let x = 0; x < columns; x++) {
          fetch(`${image.tiles.url}/${level}/${x}/${y}`, { credentials: "same-origin", priority: "low" }).catch(() => {});
        }
      }
    }
  }

  setSync(on) {
    this.sync = on;
    if (on) this.follow(this.panes.get(this.active) ?? this.first());
  }

  first() { return [...this.panes.values()].sort((a, b) => a.image.index - b.image.index)[0]; }

  /** Alignment: while on, each pane pans on its own; when it ends, each pane keeps its offset to the first pane. */
  setAligning(on) {
    this.aligning = on;
    if (!on) {
      const reference = this.first();
      if (!reference) return;
      const r = reference.relative();
      for (const pane of this.panes.values()) {
        const p = pane.relative();
        pane.offset = pane === reference ? { x: 0, y: 0 } : { x: p.x - r.x, y: p.y - r.y };
        pane.element.closest("[data-pane-index]").dataset.offset = `${pane.offset.x.toFixed(4)},${pane.offset.y.toFixed(4)}`;
      }
      this.applyOverlay();
    }
  }

  /** Moves every other pane to the same relative position and zoom as this one, offsets kept. */
  follow(source) {
    if (!source || !this.sync || this.aligning || this.syncing) return;
    this.syncing = true;
    try {
      const rel = source.relative();
      const base = { x: rel.x - source.offset.x, y: rel.y - source.offset.y };
      for (const pane of this.panes.values()) {
        if (pane === source || !pane.ready) continue;
        pane.moveTo({ x: base.x + pane.offset.x, y: base.y + pane.offset.y }, rel.zoom);
      }
    } finally {
      this.syncing = false;
    }
  }

  setTool(tool) {
    this.tool = tool;
    for (const pane of this.panes.values()) pane.setDrawing(tool !== "pan");
    this.root.dataset.tool = tool;
  }

  setAdjust(brightness, contrast, gamma) {
    this.adjust = { brightness, contrast, gamma };
    this.applyAdjust();
  }

  applyAdjust() {
    // Gamma through an SVG transfer function (CSS filters have none); brightness and contrast as CSS filters.
    let filter = this.root.querySelector("#viewer-gamma");
    if (!filter) {
      const svg = document.createElementNS(svgNs, "svg");
      svg.setAttribute("width", "0"); svg.setAttribute("height", "0"); svg.style.position = "absolute";
      svg.innerHTML = `<filter id="viewer-gamma" color-interpolation-filters="sRGB"><feComponentTransfer>
        <feFuncR type="gamma" exponent="1"/><feFuncG type="gamma" exponent="1"/><feFuncB type="gamma" exponent="1"/></feComponentTransfer></filter>`;
      this.root.appendChild(svg);
      filter = svg.querySelector("filter");
    }
    for (const f of filter.querySelectorAll("feFuncR,feFuncG,feFuncB")) f.setAttribute("exponent", String(1 / this.adjust.gamma));
    const css = `brightness(${this.adjust.brightness}) contrast(${this.adjust.contrast})` + (this.adjust.gamma !== 1 ? " url(#viewer-gamma)" : "");
    for (const pane of this.panes.values()) pane.osd.canvas.style.filter = css;
  }

  /** Overlay: the second pane's image drawn over the first pane's, with an opacity, at the alignment offset. */
  setOverlay(on, opacity) {
    this.overlay = { on, opacity };
    this.applyOverlay();
  }

  applyOverlay() {
    const panes = [...this.panes.values()].sort((a, b) => a.image.index - b.image.index);
    for (const pane of panes) pane.removeOverlay();
    if (!this.overlay.on || panes.length < 2) return;
    panes[0].showOverlay(panes[1], this.overlay.opacity);
  }

  setAnnotations(list) {
    this.annotations = list;
    for (const pane of this.panes.values()) pane.redraw();
  }

  rotate(degrees) { this.activePane()?.rotate(degrees); }
  flip() { this.activePane()?.flip(); }
  zoomBy(factor) { const p = this.activePane(); if (p) { p.atHome = false; p.osd.viewport.zoomBy(factor); p.osd.viewport.applyConstraints(); } }
  /** The active pane at the photo's own resolution (one image pixel per device pixel) around its centre; synced panes follow. */
  actualPixels() {
    const p = this.activePane();
    if (!p?.item) return;
    p.atHome = false;
    p.osd.viewport.zoomTo(p.item.imageToViewportZoom(1 / devicePixelRatio), null, true);
  }

  panBy(dx, dy) { const p = this.activePane(); if (p) p.atHome = false; if (p) p.osd.viewport.panBy(new this.OSD.Point(dx / p.osd.viewport.getZoom(), dy / p.osd.viewport.getZoom())); }

  reset() {
    this.setAdjust(1, 1, 1);
    for (const pane of this.panes.values()) pane.reset();
  }

  activePane() { return this.panes.get(this.active) ?? this.first(); }

  fullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else this.root.requestFullscreen?.();
  }

  onKey(e) {
    if (e.target.closest("input, textarea, select")) return;
    const actions = {
      "+": () => this.zoomBy(1.25), "=": () => this.zoomBy(1.25), "-": () => this.zoomBy(0.8),
      "ArrowLeft": () => this.panBy(-0.05, 0), "ArrowRight": () => this.panBy(0.05, 0),
      "ArrowUp": () => this.panBy(0, -0.05), "ArrowDown": () => this.panBy(0, 0.05),
      "r": () => this.rotate(90), "R": () => this.rotate(-90), "h": () => this.flip(),
      "1": () => this.actualPixels(), "0": () => this.reset(), "f": () => this.fullscreen(),
    };
    // Keys that change what the page shows (tool, sync, help) go to .NET, which keeps that state.
    const shortcuts = { "s": "sync", "a": "align", "o": "overlay", "m": "ruler", "p": "area", "e": "ellipse", "w": "arrow",
      "l": "label", "c": "calibrate", "Escape": "pan", "?": "help", "k": "risk" };
    if (actions[e.key]) { actions[e.key](); e.preventDefault(); }
    else if (shortcuts[e.key]) { this.dotnet.invokeMethodAsync("Shortcut", shortcuts[e.key]); e.preventDefault(); }
  }

  shapeDrawn(pane, kind, points) {
    this.dotnet.invokeMethodAsync("ShapeDrawn", pane.image.index, kind, JSON.stringify(points.map(p => [round(p.x), round(p.y)])));
  }

  dispose() {
    for (const pane of this.panes.values()) pane.destroy();
    this.panes.clear();
  }
}

const round = v => Math.round(v * 100) / 100;

class Pane {
  constructor(viewer, element, image) {
    this.viewer = viewer;
    this.element = element;
    this.image = image;           // { index, sop, width, height, tiles: { url, tileSize, minLevel, maxLevel } }
    this.offset = { x: 0, y: 0 }; // relative position of this image minus that of the first pane, after alignment
    this.ready = false;
    this.draft = null;
    const OSD = viewer.OSD;
    this.host = element.closest("[data-pane-index]");
    this.host.dataset.loaded = "none";
    this.osd = OSD({
      element,
      drawer: "canvas",
      showNavigationControl: false,
      animationTime: 0.3,
      gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: true },
      gestureSettingsTouch: { pinchToZoom: true },
      visibilityRatio: 0.2,
      minZoomImageRatio: 0.5,
      maxZoomPixelRatio: 8,
      keyboardNavEnabled: false,
      crossOriginPolicy: false,
      preserveImageSizeOnResize: true,
      // Zooming in fetches the level the screen needs, not every level on the way (each a round of requests).
      immediateRender: true,
    });
    this.osd.addHandler("canvas-press", () => { viewer.active = image.index; });
    this.osd.addHandler("canvas-scroll", () => { viewer.active = image.index; });
    // Only the pane the user moves leads. A pane moved by follow() reports its change a frame later; were it to lead
    // too, it would pull the user's pane back to where it was a frame earlier, and every drag or key would move the
    // view a fraction of what it should.
    this.osd.addHandler("viewport-change", () => { this.redraw(); this.publish(); if (this.ready && viewer.activePane() === this) viewer.follow(this); });
    // A pane that is still fitted (not zoomed or panned by the user) fits again when its size changes: the
    // navigation drawer closing, the window or the layout changing. A user's own zoom is left alone.
    this.atHome = true;
    // OpenSeadragon raises "resize" before it restores the image's size on screen: fit on the next frame, after it.
    this.osd.addHandler("resize", () => {
      this.redraw();
      if (this.atHome && this.ready && !this.refitting) {
        this.refitting = true;
        requestAnimationFrame(() => { this.refitting = false; if (this.atHome) this.osd.viewport.goHome(true); });
      }
    });
    for (const gesture of ["canvas-drag", "canvas-scroll", "canvas-pinch", "canvas-double-click"]) {
      this.osd.addHandler(gesture, () => { this.atHome = false; });
    }
    this.svg = document.createElementNS(svgNs, "svg");
    this.svg.classList.add("pane-drawing");
    element.appendChild(this.svg);
    this.bindDrawing();
    this.open();
  }

  /**
   * Opens the image's tiles. "preview" once a first tile is drawn, "full" once every tile the view needs is drawn
   * at the screen's resolution (performance marks pane-N-preview and pane-N-full); each later time the view is
   * complete again (after a zoom or a pan) marks pane-N-sharp and counts it in data-sharp-count.
   */
  open() {
    const { viewer, image, osd } = this;
    const started = performance.now();
    osd.addTiledImage({
      tileSource: tileSource(image),
      x: 0, y: 0, width: 1,
      success: ({ item }) => {
        this.item = item;
        this.ready = true;
        osd.viewport.goHome(true);
        const other = [...viewer.panes.values()].find(p => p !== this && p.ready);
        if (other && viewer.sync) other.viewer.follow(other);
        item.addOnceHandler("tile-loaded", () => this.loaded("preview", started));
        const complete = () => {
          if (this.host.dataset.loaded !== "full") {
            this.loaded("full", started);
            viewer.prefetchIfIdle();
            return;
          }
          this.host.dataset.sharpCount = String(Number(this.host.dataset.sharpCount ?? 0) + 1);
          performance.mark(`pane-${image.index}-sharp`, { detail: { sop: image.sop } });
        };
        item.addHandler("fully-loaded-change", e => { if (e.fullyLoaded) complete(); });
        if (item.getFullyLoaded()) complete();
      },
    });
  }

  loaded(stage, started) {
    if (this.host.dataset.loaded === "full") return;
    const ms = performance.now() - started;
    this.host.dataset.loaded = stage;
    this.host.dataset[stage === "full" ? "fullMs" : "previewMs"] = ms.toFixed(0);
    performance.mark(`pane-${this.image.index}-${stage}`, { detail: { sop: this.image.sop, ms } });
  }

  /** Centre in [0,1]² of the image (x across, y down) and zoom (1 = image width fills the pane). */
  relative() {
    const vp = this.osd.viewport;
    const c = vp.getCenter(true);
    const aspect = this.image.height / this.image.width;
    return { x: c.x, y: c.y / aspect, zoom: vp.getZoom(true) };
  }

  moveTo(rel, zoom) {
    const vp = this.osd.viewport;
    const aspect = this.image.height / this.image.width;
    vp.zoomTo(zoom, null, true);
    vp.panTo(new this.viewer.OSD.Point(rel.x, rel.y * aspect), true);
  }

  /**
   * What browser tests and people with developer tools can read: the relative viewport, and where the unrotated
   * image lies in the pane's drawing surface. Positions are relative to that surface, not the page: the page
   * can shift under a pane (a toolbar wrapping, a banner appearing) without any viewport event to republish.
   */
  publish() {
    const r = this.relative();
    this.host.dataset.viewport = `${r.x.toFixed(4)},${r.y.toFixed(4)},${r.zoom.toFixed(4)}`;
    const a = this.toScreen({ x: 0, y: 0 }), b = this.toScreen({ x: this.image.width, y: this.image.height });
    this.host.dataset.imageRect = [Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(b.x - a.x), Math.abs(b.y - a.y)].map(v => v.toFixed(2)).join(",");
    // Where the image's top-left, top-right and bottom-left corners are in the drawing surface: with rotation and flip, the
    // whole mapping from image pixels to the screen.
    const corners = [{ x: 0, y: 0 }, { x: this.image.width, y: 0 }, { x: 0, y: this.image.height }].map(p => this.toScreen(p));
    this.host.dataset.imageCorners = corners.flatMap(p => [p.x, p.y]).map(v => v.toFixed(2)).join(",");
    this.host.dataset.rotation = String(this.osd.viewport.getRotation());
    this.host.dataset.flip = String(this.osd.viewport.getFlip());
  }

  /** Image pixels → pixels in the pane (rotation by OpenSeadragon; its flip mirrors the drawing about the pane's centre). */
  toScreen(p) {
    const OSD = this.viewer.OSD;
    const px = this.osd.viewport.pixelFromPoint(new OSD.Point(p.x / this.image.width, p.y / this.image.width), true);
    if (this.osd.viewport.getFlip()) px.x = this.osd.container.clientWidth - px.x;
    return px;
  }

  toImage(clientX, clientY) {
    const OSD = this.viewer.OSD;
    const box = this.element.getBoundingClientRect();
    let x = clientX - box.left;
    const y = clientY - box.top;
    if (this.osd.viewport.getFlip()) x = this.osd.container.clientWidth - x;
    const point = this.osd.viewport.pointFromPixel(new OSD.Point(x, y), true);
    return { x: clamp(point.x * this.image.width, 0, this.image.width), y: clamp(point.y * this.image.width, 0, this.image.height) };
  }

  setDrawing(on) { this.svg.style.pointerEvents = on ? "all" : "none"; this.svg.style.cursor = on ? "crosshair" : ""; }

  bindDrawing() {
    const svg = this.svg;
    svg.addEventListener("pointerdown", e => {
      const tool = this.viewer.tool;
      if (tool === "pan" || e.button !== 0) return;
      this.viewer.active = this.image.index;
      const point = this.toImage(e.clientX, e.clientY);
      e.preventDefault();
      if (tool === "label") { this.viewer.shapeDrawn(this, tool, [point]); return; }
      if (tool === "area") {
        if (!this.draft) this.draft = { tool, points: [point] };
        else {
          const first = this.toScreen(this.draft.points[0]), here = this.toScreen(point);
          if (this.draft.points.length >= 3 && Math.hypot(first.x - here.x, first.y - here.y) < 10) { this.finish(); return; }
          this.draft.points.push(point);
        }
        this.redraw();
        return;
      }
      svg.setPointerCapture(e.pointerId);
      this.draft = { tool, points: [point, point] };
      this.redraw();
    });
    svg.addEventListener("pointermove", e => {
      if (!this.draft || this.draft.tool === "area") return;
      this.draft.points[1] = this.toImage(e.clientX, e.clientY);
      this.redraw();
    });
    svg.addEventListener("pointerup", e => {
      if (!this.draft || this.draft.tool === "area") return;
      this.draft.points[1] = this.toImage(e.clientX, e.clientY);
      this.finish();
    });
    svg.addEventListener("dblclick", e => { if (this.draft?.tool === "area" && this.draft.points.length >= 3) { e.preventDefault(); this.finish(); } });
  }

  finish() {
    const { tool, points } = this.draft;
    this.draft = null;
    this.redraw();
    const [a, b] = points;
    if (tool !== "area" && Math.hypot(a.x - b.x, a.y - b.y) < 1) return; // a click, not a drag
    this.viewer.shapeDrawn(this, tool, points);
  }

  /** Draws saved annotations of this image and the shape being drawn, in screen pixels. */
  redraw() {
    const svg = this.svg;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    if (!this.image.width) return;
    for (const a of this.viewer.annotations.filter(a => a.sop === this.image.sop)) {
      this.drawShape(a.kind, a.points.map(([x, y]) => ({ x, y })), a.text, "saved", a.id);
    }
    if (this.draft) this.drawShape(this.draft.tool, this.draft.points, "", "draft");
  }

  drawShape(kind, points, text, cls, id) {
    const s = points.map(p => this.toScreen(p));
    const g = el("g", { class: `shape ${kind} ${cls}` });
    if (id) g.dataset.annotationId = id;
    if (kind === "ellipse" && s.length === 2) {
      g.appendChild(el("ellipse", { cx: (s[0].x + s[1].x) / 2, cy: (s[0].y + s[1].y) / 2, rx: Math.abs(s[1].x - s[0].x) / 2, ry: Math.abs(s[1].y - s[0].y) / 2 }));
    } else if (kind === "area") {
      g.appendChild(el(cls === "draft" ? "polyline" : "polygon", { points: s.map(p => `${p.x},${p.y}`).join(" ") }));
    } else if (kind === "label") {
      g.appendChild(el("circle", { cx: s[0].x, cy: s[0].y, r: 4 }));
    } else if (s.length >= 2) {
      g.appendChild(el("line", { x1: s[0].x, y1: s[0].y, x2: s[1].x, y2: s[1].y }));
      if (kind === "arrow") {
        const angle = Math.atan2(s[1].y - s[0].y, s[1].x - s[0].x);
        const head = [-0.5, 0.5].map(d => ({ x: s[1].x - 14 * Math.cos(angle + d), y: s[1].y - 14 * Math.sin(angle + d) }));
        g.appendChild(el("polyline", { points: `${head[0].x},${head[0].y} ${s[1].x},${s[1].y} ${head[1].x},${head[1].y}` }));
      } else {
        for (const p of [s[0], s[1]]) g.appendChild(el("circle", { cx: p.x, cy: p.y, r: 3 }));
      }
    }
    if (text) {
      const anchor = s[s.length - 1];
      // Near the right edge the text goes to the left of its point, so that it stays readable.
      const leftward = anchor.x > this.element.clientWidth - 160;
      const label = el("text", { x: anchor.x + (leftward ? -8 : 8), y: anchor.y - 8, "text-anchor": leftward ? "end" : "start" });
      label.textContent = text;
      g.appendChild(label);
    }
    this.svg.appendChild(g);
  }

  rotate(degrees) { const vp = this.osd.viewport; vp.setRotation((vp.getRotation() + degrees + 360) % 360); this.redraw(); this.publish(); }
  flip() { this.osd.viewport.setFlip(!this.osd.viewport.getFlip()); this.redraw(); this.publish(); }

  reset() {
    this.osd.viewport.setRotation(0);
    this.osd.viewport.setFlip(false);
    this.osd.viewport.goHome(true);
    this.atHome = true;
  }

  showOverlay(other, opacity) {
    const aspect = other.image.height / other.image.width;
    // The other image placed so that its aligned relative position falls on the same place of this one.
    const dx = this.offset.x - other.offset.x, dy = (this.offset.y - other.offset.y) * aspect;
    this.osd.addTiledImage({
      tileSource: tileSource(other.image),
      x: dx, y: dy, width: 1, opacity,
      success: ({ item }) => { this.overlayItem = item; this.host.dataset.overlay = "on"; },
    });
  }

  removeOverlay() {
    if (this.overlayItem) { this.osd.world.removeItem(this.overlayItem); this.overlayItem = null; }
    delete this.host.dataset.overlay;
  }

  destroy() { this.osd.destroy(); this.svg.remove(); }
}

/** An image's tiles as an OpenSeadragon tile source (Deep Zoom levels: maxLevel is the image itself). */
function tileSource(image) {
  const { url, tileSize, minLevel, maxLevel } = image.tiles;
  return {
    width: image.width, height: image.height, tileSize, tileOverlap: 0, minLevel, maxLevel,
    getTileUrl: (level, x, y) => `${url}/${level}/${x}/${y}`,
  };
}

/** The level OpenSeadragon draws an image fitted in a pane of this many device pixels: the first at least as large. */
function homeLevel(image, paneWidth, paneHeight) {
  const fit = Math.min(paneWidth / image.width, paneHeight / image.height);
  let level = image.tiles.maxLevel;
  while (level > image.tiles.minLevel && fit * Math.pow(2, image.tiles.maxLevel - level + 1) <= 1) level--;
  return level;
}

function el(name, attributes) {
  const node = document.createElementNS(svgNs, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  return node;
}

const clamp = (v, min, max) => Math.min(max, Math.max(min, v));
