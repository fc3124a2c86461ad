// Passkeys (WebAuthn): a button with data-options and data-verify addresses asks the node for a
// challenge, lets the browser's authenticator answer it, posts the answer, and follows the
// address the node gives back. Loaded as a file: the Content-Security-Policy allows no inline
// script.
(function () {
  "use strict";

  function toBytes(value) {
    var base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    var binary = atob(base64 + "===".slice((base64.length + 3) % 4));
    return Uint8Array.from(binary, function (c) { return c.charCodeAt(0); });
  }

  function toText(buffer) {
    var binary = String.fromCharCode.apply(null, new Uint8Array(buffer));
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (d) { return Object.assign({}, d, { id: toBytes(d.id) }); });
  }

  function publicKey(options, creating) {
    var key = Object.assign({}, options, { challenge: toBytes(options.challenge) });
    if (creating) {
      key.user = Object.assign({}, options.user, { id: toBytes(options.user.id) });
      key.excludeCredentials = descriptors(options.excludeCredentials);
    } else {
      key.allowCredentials = descriptors(options.allowCredentials);
    }
    return key;
  }

  function answer(credential) {
    var r = credential.response;
    var response = { clientDataJSON: toText(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toText(r.attestationObject);
      if (r.getTransports) { response.transports = r.getTransports(); }
    } else {
      response.authenticatorData = toText(r.authenticatorData);
      response.signature = toText(r.signature);
      if (r.userHandle) { response.userHandle = toText(r.userHandle); }
    }
    return {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: response,
      clientExtensionResults: credential.getClientExtensionResults(),
    };
  }

  function post(url, token, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(body || {}),
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error(data.error || response.statusText); }
        return data;
      });
    });
  }

  function start(button) {
    var form = button.closest("form");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var status = document.getElementById(button.dataset.status);
    var creating = button.dataset.mode === "register";
    var nameInput = form.querySelector("input[name=name]");
    button.disabled = true;
    status.textContent = "";
    post(button.dataset.options, token)
      .then(function (options) {
        var key = publicKey(options, creating);
        return creating
          ? navigator.credentials.create({ publicKey: key })
          : navigator.credentials.get({ publicKey: key });
      })
      .then(function (credential) {
        return post(button.dataset.verify, token, {
          credential: answer(credential),
          name: nameInput ? nameInput.value : "",
          next: button.dataset.next || "",
        });
      })
      .then(function (data) { window.location.assign(data.next); })
      .catch(function (error) {
        status.textContent = button.dataset.failed + " " + (error.message || "");
        button.disabled = false;
      });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-passkey]");
    if (!button) { return; }
    event.preventDefault();
    if (!window.PublicKeyCredential) {
      document.getElementById(button.dataset.status).textContent = button.dataset.unsupported;
      return;
    }
    start(button);
  });
})();
