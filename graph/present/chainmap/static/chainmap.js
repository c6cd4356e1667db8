/* Draws one chain map (a spec built by graph/present/chainmap/html.py) with vis-network.
 *
 * Used twice: inside the app's map component, and inlined in the downloadable HTML page.
 * The map is drawn at a scale where labels stay readable (spec.min_px on screen), the frame's
 * height follows the drawing, zoom and position are kept per chain in sessionStorage once the
 * user moved the map, and the canvas can be saved as PNG. Nothing is fetched from the network.
 */
(function (root) {
  "use strict";
  var PAD = 12;

  function ChainMapView(mapEl, barEl, hooks) {
    this.mapEl = mapEl;
    this.barEl = barEl;
    this.hooks = hooks || {};
    this.network = null;
    this.spec = null;
    this.key = null;
    this.headerBoxes = [];
    this.scale = 1;
    var self = this;
    root.addEventListener("resize", function () { if (self.network) { self.layoutFrame(!self.stored()); } });
  }

  ChainMapView.prototype.storageKey = function () {
    return "chainmap-view:" + (this.spec && this.spec.chain);
  };

  ChainMapView.prototype.stored = function () {
    try { return JSON.parse(root.sessionStorage.getItem(this.storageKey()) || "null"); } catch (e) { return null; }
  };

  ChainMapView.prototype.remember = function () {
    var n = this.network;
    try {
      root.sessionStorage.setItem(this.storageKey(), JSON.stringify({pos: n.getViewPosition(), scale: n.getScale()}));
    } catch (e) { /* storage refused: the view just is not kept */ }
  };

  ChainMapView.prototype.forget = function () {
    try { root.sessionStorage.removeItem(this.storageKey()); } catch (e) { /* nothing kept */ }
  };

  var SVG = "http:/" + "/www.w3.org/2000/svg";  // an XML namespace name, never fetched

  function svgEl(name, attrs) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    return el;
  }

  /* A legend swatch drawn as the map draws that kind: same shape, fill, border (and dashes). */
  function swatch(item) {
    var svg = svgEl("svg", {width: 16, height: 14, viewBox: "0 0 16 14"});
    svg.style.cssText = "vertical-align:-2px;margin-right:4px";
    if (item.edge) {
      svg.appendChild(svgEl("line", {x1: 1, y1: 7, x2: 12, y2: 7, stroke: item.color,
        "stroke-width": Math.min(3, item.width || 1), "stroke-dasharray": item.dashes ? "3,2" : "none"}));
      svg.appendChild(svgEl("polygon", {points: "11,4 15,7 11,10", fill: item.color}));
      return svg;
    }
    var paint = {fill: item.bg, stroke: item.border, "stroke-width": Math.max(1, Math.min(2.5, item.bw || 1)),
                 "stroke-dasharray": item.dashes ? "2,1.5" : "none"};
    var shape, pts;
    function poly(points) { return svgEl("polygon", Object.assign({points: points}, paint)); }
    switch (item.shape) {
      case "box": shape = svgEl("rect", Object.assign({x: 1.5, y: 2.5, width: 13, height: 9, rx: 2}, paint)); break;
      case "dot": shape = svgEl("circle", Object.assign({cx: 8, cy: 7, r: 5.5}, paint)); break;
      case "square": shape = svgEl("rect", Object.assign({x: 2.5, y: 1.5, width: 11, height: 11}, paint)); break;
      case "diamond": shape = poly("8,0.8 14.2,7 8,13.2 1.8,7"); break;
      case "triangle": shape = poly("8,1 14.5,13 1.5,13"); break;
      case "hexagon": shape = poly("4.5,1 11.5,1 15,7 11.5,13 4.5,13 1,7"); break;
      case "star":
        pts = [];
        for (var i = 0; i < 10; i++) {
          var r = i % 2 ? 2.8 : 6.6, a = Math.PI / 5 * i - Math.PI / 2;
          pts.push((8 + r * Math.cos(a)).toFixed(2) + "," + (7.4 + r * Math.sin(a)).toFixed(2));
        }
        shape = poly(pts.join(" ")); break;
      default: shape = svgEl("circle", Object.assign({cx: 8, cy: 7, r: 5.5}, paint));
    }
    shape.setAttribute("data-shape", item.shape);
    svg.appendChild(shape);
    return svg;
  }

  ChainMapView.prototype.drawBar = function () {
    var spec = this.spec, self = this, bar = this.barEl;
    if (!bar) { return; }
    bar.innerHTML = "";
    var legend = document.createElement("div");
    legend.className = "chainmap-legend";
    legend.id = "chainmap-legend";
    spec.legend.forEach(function (item) {
      var span = document.createElement("span");
      span.setAttribute("data-kind", item.edge ? "edge:" + item.edge : item.kind + (item.stage ? ":" + item.stage : ""));
      span.appendChild(swatch(item));
      span.appendChild(document.createTextNode(item.text));
      legend.appendChild(span);
    });
    bar.appendChild(legend);
    var buttons = document.createElement("div");
    buttons.className = "chainmap-buttons";
    [["fit", spec.words.fit, function () { self.forget(); self.layoutFrame(true); }],
     ["png", spec.words.png, function () { self.downloadPng(); }]].forEach(function (b) {
      var el = document.createElement("button");
      el.type = "button";
      el.id = "chainmap-" + b[0];
      el.textContent = b[1];
      el.addEventListener("click", b[2]);
      buttons.appendChild(el);
    });
    bar.appendChild(buttons);
    var notes = [];
    if (this.hooks.showNotes !== false) { notes = [spec.empty, spec.note]; }
    notes.forEach(function (text) {
      if (!text) { return; }
      var p = document.createElement("div");
      p.className = "chainmap-note";
      p.textContent = text;
      bar.appendChild(p);
    });
    var hint = document.createElement("div");
    hint.className = "chainmap-note";
    hint.id = "chainmap-pan";
    hint.style.display = "none";
    hint.textContent = spec.words.pan || "";
    bar.appendChild(hint);
  };

  /* The drawing's extent in map units: every node with its label, the headings, the bands. */
  ChainMapView.prototype.contentBox = function () {
    var b = this.spec.bbox.slice(), n = this.network;
    this.spec.nodes.forEach(function (node) {
      var bb = n.getBoundingBox(node.id);
      if (!bb) { return; }
      b[0] = Math.min(b[0], bb.left); b[1] = Math.min(b[1], bb.top);
      b[2] = Math.max(b[2], bb.right); b[3] = Math.max(b[3], bb.bottom);
    });
    return b;
  };

  /* Size the frame to the drawing; with `fit`, also scale and centre it (else restore the kept view). */
  ChainMapView.prototype.layoutFrame = function (fit) {
    var spec = this.spec, n = this.network;
    var W = Math.max(200, this.mapEl.clientWidth || root.innerWidth);
    var b = this.contentBox(), bw = b[2] - b[0], bh = b[3] - b[1];
    // As large as fits the frame's width and a laptop-sized height, but never so small that labels
    // drop under min_px (big maps, whose members are unlabelled, are always drawn whole).
    var s = Math.min(spec.max_scale, (W - 2 * PAD) / bw, (spec.max_height - 2 * PAD) / bh);
    if (!spec.big) { s = Math.max(s, spec.min_px / spec.font); }
    var H = Math.min(spec.max_height, Math.ceil(bh * s + 2 * PAD));
    this.fits = bw * s + 2 * PAD <= W + 0.5 && bh * s + 2 * PAD <= H + 0.5;
    var hint = this.barEl && this.barEl.querySelector("#chainmap-pan");
    if (hint) { hint.style.display = this.fits ? "none" : ""; }
    this.mapEl.style.height = H + "px";
    n.setSize("100%", H + "px");
    var kept = fit ? null : this.stored();
    if (kept) {
      n.moveTo({position: kept.pos, scale: kept.scale, animation: false});
    } else {
      var cx = bw * s + 2 * PAD <= W ? (b[0] + b[2]) / 2 : b[0] + (W / 2 - PAD) / s;
      var cy = bh * s + 2 * PAD <= H ? (b[1] + b[3]) / 2 : b[1] + (H / 2 - PAD) / s;
      n.moveTo({position: {x: cx, y: cy}, scale: s, animation: false});
    }
    this.scale = n.getScale();
    n.redraw();
    if (this.hooks.onResize) { this.hooks.onResize(); }
  };

  ChainMapView.prototype.build = function () {
    var spec = this.spec, self = this;
    if (this.network) { this.network.destroy(); }
    var nodes = new root.vis.DataSet(spec.nodes), edges = new root.vis.DataSet(spec.edges);
    this.nodes = nodes;
    var n = new root.vis.Network(this.mapEl, {nodes: nodes, edges: edges}, spec.options);
    this.network = n;
    n.on("beforeDrawing", function (ctx) {
      ctx.save();
      spec.bands.forEach(function (b) { ctx.fillStyle = b.fill; ctx.fillRect(b.x, b.y, b.w, b.h); });
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillStyle = "#334155";
      self.headerBoxes = spec.headers.map(function (h) {
        ctx.font = "bold " + h.size + "px " + spec.face;
        ctx.fillText(h.text, h.x, h.y);
        var w = ctx.measureText(h.text).width;
        return {text: h.text, left: h.x - w / 2, top: h.y - h.size / 2, right: h.x + w / 2, bottom: h.y + h.size / 2,
                size: h.size};
      });
      ctx.restore();
    });
    n.on("click", function (p) {
      if (p.nodes && p.nodes.length && self.hooks.onSelect) { self.hooks.onSelect(p.nodes[0]); }
    });
    n.on("zoom", function () { self.remember(); });
    n.on("dragEnd", function (p) { if (!p.nodes || !p.nodes.length) { self.remember(); } });
    var first = true;
    n.on("afterDrawing", function () {
      if (!first) { return; }
      first = false;
      self.layoutFrame(!self.stored());
      self.select(spec.focus);
      self.ready = true;
    });
    n.redraw();
  };

  /* Draw `spec`; a spec with the same key as the one shown only moves the selection. */
  ChainMapView.prototype.render = function (spec) {
    var same = this.network && this.key === spec.key;
    this.spec = spec;
    if (same) { this.select(spec.focus); return; }
    this.key = spec.key;
    this.ready = false;
    this.drawBar();
    this.build();
  };

  ChainMapView.prototype.select = function (id) {
    var n = this.network;
    if (!n) { return; }
    if (id && this.nodes.get(id)) {
      n.selectNodes([id]);
      var p = n.getPosition(id), dom = n.canvasToDOM(p);
      var W = this.mapEl.clientWidth, H = this.mapEl.clientHeight;
      if (dom.x < 0 || dom.y < 0 || dom.x > W || dom.y > H) {  // off screen: bring it in, same zoom
        n.moveTo({position: p, scale: n.getScale(), animation: false});
      }
    } else {
      n.unselectAll();
    }
  };

  /* Every drawn label (nodes and headings) as a box in the page's pixels, with its font size there.
   * vis-network measures a label when it draws it and skips nodes out of view, so only the nodes in
   * view have boxes that mean anything; the others are left out. */
  ChainMapView.prototype.labelBoxes = function () {
    var n = this.network, s = n.getScale(), rect = this.mapEl.getBoundingClientRect(), out = [];
    var W = this.mapEl.clientWidth, H = this.mapEl.clientHeight;
    function dom(l, t, r, b) {
      var a = n.canvasToDOM({x: l, y: t}), z = n.canvasToDOM({x: r, y: b});
      return {left: rect.left + a.x, top: rect.top + a.y, right: rect.left + z.x, bottom: rect.top + z.y};
    }
    this.spec.nodes.forEach(function (node) {
      var body = n.body.nodes[node.id], lm = body && body.labelModule;
      var text = lm && lm.elementOptions && lm.elementOptions.label;
      if (!text || !String(text).trim()) { return; }
      var at = n.canvasToDOM(n.getPosition(node.id));
      if (at.x < 0 || at.y < 0 || at.x > W || at.y > H) { return; }  // out of view: not drawn
      var sz = lm.size, box = dom(sz.left, sz.top, sz.left + sz.width, sz.top + sz.height);
      box.id = node.id; box.text = text; box.px = lm.fontOptions.size * s;
      out.push(box);
    });
    this.headerBoxes.forEach(function (h) {
      var box = dom(h.left, h.top, h.right, h.bottom);
      box.id = "heading:" + h.text; box.text = h.text; box.px = h.size * s;
      out.push(box);
    });
    return out;
  };

  ChainMapView.prototype.png = function () {
    var c = this.mapEl.querySelector("canvas"), t = document.createElement("canvas");
    t.width = c.width; t.height = c.height;
    var x = t.getContext("2d");
    x.fillStyle = "#ffffff";
    x.fillRect(0, 0, t.width, t.height);
    x.drawImage(c, 0, 0);
    return t.toDataURL("image/png");
  };

  ChainMapView.prototype.downloadPng = function () {
    var a = document.createElement("a");
    a.href = this.png();
    a.download = this.spec.file + ".png";
    document.body.appendChild(a);
    a.click();
    a.remove();
  };

  root.ChainMapView = ChainMapView;
})(window);
