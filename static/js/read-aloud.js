/* 朗读: read the main text aloud with the browser's speech synthesis (zh-CN).
   The controls stay hidden where the browser cannot speak; where it has no Chinese voice
   (common in WeChat on Android) they say so and offer the large-text version instead. */
(function () {
  "use strict";
  if (!window.speechSynthesis || typeof window.SpeechSynthesisUtterance !== "function") return;
  var synth = window.speechSynthesis;

  function sentences(text) {
    // Short utterances: some browsers stop long ones after about 15 seconds.
    var parts = text.replace(/\s+/g, " ").match(/[^。！？!?；;\n]+[。！？!?；;]?/g) || [];
    return parts.map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function readableText(el) {
    // The controls themselves and print-only links are not part of what is read.
    var copy = el.cloneNode(true);
    copy.querySelectorAll(".read-aloud, .no-print, script, style").forEach(function (n) { n.remove(); });
    return copy.textContent;
  }

  var START_TIMEOUT = 2500; // ms without any sound starting before we call it silent

  function pickVoice() {
    var voices = synth.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (/^zh(-|_)?(CN|Hans)?/i.test(voices[i].lang)) return voices[i];
    }
    return null;
  }

  function lacksChinese() {
    // An empty list means "not loaded yet" in some browsers: then only a silent start tells.
    return synth.getVoices().length > 0 && !pickVoice();
  }

  document.querySelectorAll("[data-read-aloud]").forEach(function (box) {
    var target = document.querySelector(box.getAttribute("data-read-aloud"));
    if (!target) return;
    var play = box.querySelector("[data-action=play]");
    var pause = box.querySelector("[data-action=pause]");
    var stop = box.querySelector("[data-action=stop]");
    var status = box.querySelector("[data-status]");
    var fallback = box.querySelector("[data-fallback]");
    var queue = [];
    var started = false;
    var watchdog = null;

    function cannotSpeak() {
      queue = [];
      synth.cancel();
      setState("idle");
      play.disabled = true;
      box.setAttribute("data-state", "unavailable");
      if (fallback) fallback.hidden = false;
    }

    function setState(state) {
      box.setAttribute("data-state", state);
      play.textContent = state === "paused" ? "继续朗读" : "朗读全文";
      play.disabled = state === "playing";
      pause.disabled = state !== "playing";
      stop.disabled = state === "idle";
      if (status) status.textContent = { idle: "", playing: "正在朗读", paused: "已暂停" }[state];
    }

    function speakNext() {
      if (!queue.length) { setState("idle"); return; }
      var u = new SpeechSynthesisUtterance(queue.shift());
      u.lang = "zh-CN";
      u.rate = 0.9;
      var voice = pickVoice();
      if (voice) u.voice = voice;
      u.onstart = function () { started = true; };
      u.onend = function () { started = true; if (box.getAttribute("data-state") === "playing") speakNext(); };
      u.onerror = function () { setState("idle"); };
      synth.speak(u);
    }

    play.addEventListener("click", function () {
      if (box.getAttribute("data-state") === "paused") {
        synth.resume();
        setState("playing");
        return;
      }
      if (lacksChinese()) { cannotSpeak(); return; }
      synth.cancel();
      var title = box.getAttribute("data-read-title") || "";
      queue = sentences((title ? title + "。" : "") + readableText(target));
      started = false;
      setState("playing");
      speakNext();
      clearTimeout(watchdog);
      watchdog = setTimeout(function () {
        if (!started && box.getAttribute("data-state") === "playing") cannotSpeak();
      }, START_TIMEOUT);
    });
    pause.addEventListener("click", function () { synth.pause(); setState("paused"); });
    stop.addEventListener("click", function () { queue = []; synth.cancel(); setState("idle"); });
    box.hidden = false;
    setState("idle");
  });
})();
