// The nst page: submit a transfer, follow its events, show the preview and the result. Plain browser JavaScript.
(function () {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const form = $("form");
  const submitButton = $("submit");
  const cancelButton = $("cancel");
  const preview = $("preview");
  const PREVIEW_EVERY_MS = 1000;
  const SETTINGS = ["size", "iterations", "styleWeight", "contentWeight", "optimizer", "init", "weights", "seed",
    "colors", "tvWeight", "learningRate", "pooling", "styleScale", "styleBlend", "contentLayers", "styleLayers",
    "contentLayerWeights", "styleLayerWeights", "scales", "tileSize", "lbfgsHistory"];
  // Where the server names a part that has no input of that id on the page.
  const FIELD_INPUTS = { styleMask: "style-mask-1" };

  const KEY = "nst.apiKey"; // where this tab keeps the API key (session storage: gone when the tab closes)

  let job = null;          // id of the transfer shown
  let events = null;       // the AbortController of its event stream
  let shownPreview = -1;   // iteration of the preview on screen
  let lastPreviewAt = 0;
  let previewUrl = null;   // blob: URL of the picture shown
  let resultUrl = null;    // blob: URL behind the download link

  // Every call to the server goes through here: it carries the API key, if this tab has one, and a 401 asks for one.
  async function api(url, options = {}) {
    const headers = new Headers(options.headers || {});
    const key = sessionStorage.getItem(KEY);
    if (key) {
      headers.set("Authorization", "Bearer " + key);
    }
    const answer = await fetch(url, { ...options, headers });
    if (answer.status === 401) {
      askForKey(key ? "The server did not accept this key. Check it, or ask its operator for another."
        : "This server needs an API key. Ask its operator for one.");
    }
    return answer;
  }

  function askForKey(reason) {
    $("key-reason").textContent = reason;
    $("key-form").hidden = false;
    $("api-key").focus();
  }

  $("key-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const key = $("api-key").value.trim();
    if (!key) {
      return;
    }
    sessionStorage.setItem(KEY, key);
    $("api-key").value = "";
    $("key-form").hidden = true;
    loadServer();
    if (job) {
      follow(job);
      refresh(job);
    }
  });

  // A picture of the API as a blob: URL (an <img> cannot send the key itself).
  async function blobUrl(url) {
    const answer = await api(url);
    if (!answer.ok) {
      throw new Error(answer.status + " " + answer.statusText);
    }
    return URL.createObjectURL(await answer.blob());
  }

  function showError(message, field) {
    const box = $("error");
    box.textContent = message;
    box.hidden = !message;
    document.querySelectorAll(".invalid").forEach((el) => el.classList.remove("invalid"));
    const input = field && $(FIELD_INPUTS[field] || field);
    if (input) {
      if (input.closest("details")) {
        input.closest("details").open = true;
      }
      input.classList.add("invalid");
      input.focus();
    }
  }

  function setStatus(text, kind) {
    const status = $("status");
    status.textContent = text;
    status.className = "status" + (kind ? " " + kind : "");
  }

  function setProgress(iteration, iterations) {
    const percent = iterations > 0 ? Math.round((100 * iteration) / iterations) : 100;
    const bar = $("progress");
    bar.style.width = percent + "%";
    bar.setAttribute("aria-valuenow", String(percent));
  }

  function formatLoss(value) {
    return typeof value === "number" ? value.toExponential(3) : "–";
  }

  // Shows the picture at url (an API path or a blob: URL); iteration is what the page says it shows (data-iteration).
  async function showImage(url, iteration) {
    let shown = url;
    try {
      if (!url.startsWith("blob:")) {
        shown = await blobUrl(url);
      }
    } catch (err) {
      return; // the next preview or the final state will try again
    }
    const next = new Image();
    next.onload = () => {
      preview.src = shown;
      preview.dataset.iteration = String(iteration);
      preview.hidden = false;
      $("placeholder").hidden = true;
      if (previewUrl && previewUrl !== resultUrl) {
        URL.revokeObjectURL(previewUrl);
      }
      previewUrl = shown;
    };
    next.src = shown;
  }

  // The browser shows what it can decode (turned upright by its EXIF orientation, as CSS image-orientation says);
  // for the rest (TIFF) the server makes the thumbnail as nst reads the picture.
  function showPicture(img, file) {
    img.alt = file.name;
    img.onerror = () => {
      img.onerror = null;
      const form = new FormData();
      form.append("image", file, file.name);
      api("/api/thumbnails", { method: "POST", body: form })
        .then((answer) => (answer.ok ? answer.blob() : Promise.reject(answer)))
        .then((blob) => { img.src = URL.createObjectURL(blob); })
        .catch(() => { img.alt = file.name + " (no preview)"; });
    };
    img.src = URL.createObjectURL(file);
  }

  function thumbnails(input, target) {
    target.replaceChildren();
    for (const file of input.files) {
      const img = document.createElement("img");
      showPicture(img, file);
      target.appendChild(img);
    }
  }

  // Every overlay shows the photo with a mask laid over it (multiplied: black darkens where the mask says no).
  function refreshOverlays() {
    const photo = $("content").files[0];
    document.querySelectorAll(".overlay-photo").forEach((img) => {
      if (photo && img.dataset.shown !== photo.name + photo.size) {
        img.dataset.shown = photo.name + photo.size;
        showPicture(img, photo);
      }
    });
  }

  function pickMask(input, overlay, clear) {
    const file = input.files[0];
    overlay.hidden = !file;
    clear.hidden = !file;
    if (file) {
      showPicture(overlay.querySelector(".overlay-mask"), file);
      refreshOverlays();
    }
  }

  function maskRows() {
    const list = $("style-masks");
    list.replaceChildren();
    const styles = $("style").files;
    if (styles.length === 0) {
      const hint = document.createElement("p");
      hint.className = "hint";
      hint.textContent = "Pick the style images first.";
      list.appendChild(hint);
      return;
    }
    Array.from(styles).forEach((style, i) => {
      const row = document.createElement("div");
      row.className = "mask-row";
      const thumb = document.createElement("img");
      thumb.className = "style-thumb";
      showPicture(thumb, style);
      const label = document.createElement("label");
      label.className = "mask-pick";
      label.textContent = "Style " + (i + 1) + " goes where white";
      const input = document.createElement("input");
      input.type = "file";
      input.id = "style-mask-" + (i + 1);
      input.className = "style-mask";
      input.accept = "image/*,.webp,.tif,.tiff";
      label.appendChild(input);
      const overlay = document.createElement("div");
      overlay.className = "overlay";
      overlay.id = "style-mask-overlay-" + (i + 1);
      overlay.hidden = true;
      const photo = document.createElement("img");
      photo.className = "overlay-photo";
      photo.alt = "";
      const mask = document.createElement("img");
      mask.className = "overlay-mask";
      mask.alt = "mask of style " + (i + 1);
      overlay.append(photo, mask);
      const clear = document.createElement("button");
      clear.type = "button";
      clear.className = "secondary small";
      clear.textContent = "Remove";
      clear.hidden = true;
      clear.addEventListener("click", () => {
        input.value = "";
        pickMask(input, overlay, clear);
      });
      input.addEventListener("change", () => pickMask(input, overlay, clear));
      row.append(thumb, label, overlay, clear);
      list.appendChild(row);
    });
  }

  $("content").addEventListener("change", () => {
    const thumb = $("content-thumb");
    const file = $("content").files[0];
    thumb.hidden = !file;
    if (file) {
      showPicture(thumb, file);
    }
    refreshOverlays();
  });
  $("style").addEventListener("change", () => {
    thumbnails($("style"), $("style-thumbs"));
    maskRows();
  });
  $("contentMask").addEventListener("change", () =>
    pickMask($("contentMask"), $("content-mask-overlay"), $("content-mask-clear")));
  $("content-mask-clear").addEventListener("click", () => {
    $("contentMask").value = "";
    pickMask($("contentMask"), $("content-mask-overlay"), $("content-mask-clear"));
  });

  function running(on) {
    submitButton.disabled = on;
    cancelButton.disabled = !on;
  }

  function follow(id) {
    job = id;
    shownPreview = -1;
    lastPreviewAt = 0;
    history.replaceState(null, "", "#job=" + id);
    $("result-link").hidden = true;
    if (events) {
      events.abort();
    }
    events = new AbortController();
    listen(id, events);
  }

  // The job's server-sent events, read with fetch so that they carry the API key. A stream that breaks off before
  // the final event is picked up again after a second, with the job's current state in between.
  async function listen(id, controller) {
    let finished = false;
    try {
      const answer = await api("/api/transfers/" + id + "/events",
        { headers: { Accept: "text/event-stream" }, signal: controller.signal });
      if (!answer.ok) {
        refresh(id);
        return;
      }
      const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += value.replace(/\r/g, "");
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          finished = onEvent(buffer.slice(0, end)) || finished;
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (err) {
      if (controller.signal.aborted) {
        return;
      }
    }
    if (!finished && !controller.signal.aborted && id === job) {
      await refresh(id);
      setTimeout(() => {
        if (events === controller && id === job) {
          listen(id, controller);
        }
      }, 1000);
    }
  }

  // One event ("event: NAME" and "data: JSON" lines); whether it was the job's last.
  function onEvent(block) {
    let name = "message";
    let data = "";
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) {
        name = line.slice(6).trim();
      } else if (line.startsWith("data:")) {
        data += line.slice(5).replace(/^ /, "");
      }
    }
    if (!data) {
      return false;
    }
    const payload = JSON.parse(data);
    if (name === "progress") {
      onProgress(payload);
      return false;
    }
    onState(payload);
    return ["done", "failed", "cancelled"].includes(name);
  }

  async function refresh(id) {
    const answer = await api("/api/transfers/" + id);
    if (answer.ok) {
      onState(await answer.json());
    } else if (answer.status === 404 && id === job) {
      running(false);
      setStatus("That transfer is no longer on the server (unknown, or its result expired).", "failed");
    }
  }

  function onProgress(p) {
    const stage = p.stages > 1 ? "stage " + p.stage + "/" + p.stages + ", " + p.size + " px — " : "";
    setStatus("Painting… " + stage + "iteration " + p.iteration + " of " + p.iterations);
    setProgress(p.iteration, p.iterations);
    $("numbers").textContent = "loss " + formatLoss(p.loss) + " (content " + formatLoss(p.content) + ", style "
      + formatLoss(p.style) + ", tv " + formatLoss(p.tv) + ") · " + p.itPerSecond.toFixed(2) + " it/s";
    const now = Date.now();
    if (p.previewIteration > shownPreview && now - lastPreviewAt >= PREVIEW_EVERY_MS) {
      shownPreview = p.previewIteration;
      lastPreviewAt = now;
      showImage("/api/transfers/" + p.id + "/preview?i=" + p.previewIteration, p.previewIteration);
    }
  }

  function onState(t) {
    if (t.id !== job) {
      return;
    }
    setProgress(t.iteration, t.iterations);
    switch (t.status) {
      case "QUEUED":
        running(true);
        setStatus("Waiting for a free worker…");
        break;
      case "RUNNING":
        running(true);
        setStatus("Painting… iteration " + t.iteration + " of " + t.iterations);
        break;
      case "SUCCEEDED": {
        running(false);
        setStatus("Done: " + t.iterations + " iterations.", "done");
        setProgress(1, 1);
        showResult(t);
        break;
      }
      case "FAILED":
        running(false);
        setStatus("Failed: " + (t.error || "unknown reason"), "failed");
        break;
      case "CANCELLED":
        running(false);
        setStatus("Cancelled" + (t.error ? ": " + t.error : "") + ".", "failed");
        break;
    }
  }

  // The result, shown and offered for download from one blob: URL.
  async function showResult(t) {
    let url;
    try {
      url = await blobUrl(t.links.result);
    } catch (err) {
      setStatus("Done, but the result cannot be fetched: " + err.message, "failed");
      return;
    }
    if (t.id !== job) {
      URL.revokeObjectURL(url);
      return;
    }
    if (resultUrl) {
      URL.revokeObjectURL(resultUrl);
    }
    resultUrl = url;
    showImage(url, t.iterations);
    const link = $("result-link");
    link.href = url;
    link.setAttribute("download", "nst-" + t.id + ".png");
    link.hidden = false;
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    showError("");
    const content = $("content").files[0];
    const styles = $("style").files;
    if (!content) {
      showError("Pick a content image (the photo to repaint).", "content");
      return;
    }
    if (styles.length === 0) {
      showError("Pick at least one style image.", "style");
      return;
    }
    const masks = Array.from(document.querySelectorAll(".style-mask")).map((input) => input.files[0]);
    const given = masks.filter((mask) => mask).length;
    if (given > 0 && given < styles.length) {
      const missing = masks.findIndex((mask) => !mask);
      showError("Give a mask for every style image, or none (style " + (missing + 1) + " has none).",
        "style-mask-" + (missing + 1));
      return;
    }
    if (given > 0 && $("styleBlend").value.trim() !== "") {
      showError("Masks say where each style goes: leave the style blend empty when you give masks.", "styleBlend");
      return;
    }
    const data = new FormData();
    data.append("content", content, content.name);
    for (const style of styles) {
      data.append("style", style, style.name);
    }
    if (given > 0) {
      for (const mask of masks) {
        data.append("styleMask", mask, mask.name);
      }
    }
    const contentMask = $("contentMask").files[0];
    if (contentMask) {
      data.append("contentMask", contentMask, contentMask.name);
    }
    for (const name of SETTINGS) {
      const value = $(name).value.trim();
      if (value !== "") {
        data.append(name, value);
      }
    }
    if ($("normalizeGradients").checked) {
      data.append("normalizeGradients", "true");
    }
    running(true);
    setStatus("Uploading…");
    setProgress(0, 1);
    try {
      const answer = await api("/api/transfers", { method: "POST", body: data });
      const body = await answer.json().catch(() => ({ error: answer.status + " " + answer.statusText }));
      if (answer.status !== 202) {
        running(false);
        setStatus("Not started.", "failed");
        const wait = answer.headers.get("Retry-After");
        showError((body.error || "the server refused the transfer") + (wait ? " (retry in " + wait + " s)" : ""),
          body.field);
        return;
      }
      follow(body.id);
      onState(body);
    } catch (err) {
      running(false);
      setStatus("Not started.", "failed");
      showError("Cannot reach the server: " + err.message);
    }
  });

  cancelButton.addEventListener("click", async () => {
    if (!job) {
      return;
    }
    cancelButton.disabled = true;
    setStatus("Cancelling…");
    const answer = await api("/api/transfers/" + job, { method: "DELETE" });
    if (!answer.ok && answer.status !== 202) {
      const body = await answer.json().catch(() => ({}));
      showError(body.error || "cannot cancel");
    }
  });

  async function loadServer() {
    try {
      const limitsAnswer = await api("/api/limits");
      if (limitsAnswer.ok) {
        const limits = await limitsAnswer.json();
        $("size").max = limits.maxSize;
        $("iterations").title = "at most " + limits.maxIterations + " per stage on this server";
      }
      const health = await fetch("/health");
      const h = await health.json();
      const badge = $("backend");
      badge.textContent = h.status === "UP" ? "backend: " + h.backend.detail : "backend down: " + h.backend.detail;
      badge.className = "badge " + (h.status === "UP" ? "up" : "down");
    } catch (err) {
      $("backend").textContent = "server unreachable";
    }
  }

  loadServer();
  const resumed = /#job=([\w-]+)/.exec(location.hash);
  if (resumed) {
    follow(resumed[1]);
    refresh(resumed[1]);
  }
})();
