/* The chain map as a Streamlit component: Streamlit's component messages by hand (no npm, no CDN).
 *
 * Streamlit sends "streamlit:render" with the args (the map's spec); a click on a node sends the
 * node id back as the component's value, which reruns the page with that node chosen; the frame's
 * height follows the drawing.
 */
(function () {
  "use strict";
  function send(type, data) {
    var msg = {isStreamlitMessage: true, type: type};
    Object.keys(data || {}).forEach(function (k) { msg[k] = data[k]; });
    window.parent.postMessage(msg, "*");
  }
  var clicks = 0;
  var view = new ChainMapView(document.getElementById("map"), document.getElementById("bar"), {
    showNotes: false,  // the page says what was left out, above the map
    onSelect: function (id) {
      clicks += 1;
      send("streamlit:setComponentValue", {value: {node: id, click: clicks, at: Date.now()}, dataType: "json"});
    },
    onResize: function () {
      send("streamlit:setFrameHeight", {height: Math.ceil(document.body.getBoundingClientRect().height) + 2});
    }
  });
  window.chainMapView = view;  // for the browser test: label boxes, selection
  var last = null;  // Streamlit sends the same args again when the frame resizes: nothing to do then
  window.addEventListener("message", function (event) {
    var msg = event.data;
    if (!msg || msg.type !== "streamlit:render" || !msg.args || !msg.args.spec) { return; }
    var spec = msg.args.spec, seen = spec.key + "|" + spec.focus;
    if (seen === last) { return; }
    last = seen;
    view.render(spec);
  });
  send("streamlit:componentReady", {apiVersion: 1});
})();
