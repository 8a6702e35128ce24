// Stand-in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js in the E2E tests:
// a Word host whose SSO is unavailable (code 13012, so the pane offers the demo sign-in) and a
// tiny Word object model that records what insertOoxml received and keeps the content controls.
(function () {
  "use strict";
  var state = { inserted: [], controls: [], nextId: 1, selectedTag: null };
  window.__officeStandIn = state;

  function controlsIn(ooxml) {
    var found = [];
    var re = /<w:sdt>[\s\S]*?<\/w:sdtPr>/g;
    var m;
    while ((m = re.exec(ooxml))) {
      var tag = /<w:tag w:val="([^"]*)"/.exec(m[0]);
      var alias = /<w:alias w:val="([^"]*)"/.exec(m[0]);
      found.push({ tag: tag ? tag[1] : "", title: alias ? alias[1] : "" });
    }
    return found;
  }

  function item(control) {
    return {
      id: control.id,
      title: control.title,
      get tag() { return control.tag; },
      set tag(value) { control.tag = value; },
      insertOoxml: function (ooxml) { control.content = ooxml; control.writes += 1; },
      select: function () { state.selectedTag = control.tag; },
    };
  }

  function collection(filter) {
    var result = { items: [], load: function () { result.items = state.controls.filter(filter).map(item); return result; } };
    result.getByTag = function (tag) { return collection(function (c) { return c.tag === tag; }); };
    return result;
  }

  var context = {
    document: {
      getSelection: function () {
        return {
          insertOoxml: function (ooxml) {
            state.inserted.push(ooxml);
            controlsIn(ooxml).forEach(function (c) {
              state.controls.push({ id: state.nextId++, tag: c.tag, title: c.title, content: ooxml, writes: 1 });
            });
          },
        };
      },
      get contentControls() { return collection(function () { return true; }); },
      properties: { title: "Réhabilitation du groupe scolaire Jean Macé", load: function () {} },
      body: {
        paragraphs: {
          items: [{ text: "Réhabilitation du groupe scolaire Jean Macé", styleBuiltIn: "Heading1" }],
          load: function () {},
        },
      },
    },
    sync: function () { return Promise.resolve(); },
  };

  window.Word = { run: function (callback) { return Promise.resolve().then(function () { return callback(context); }); } };

  var info = { host: "Word", platform: "OfficeOnline" };
  window.Office = {
    HostType: { Word: "Word", Excel: "Excel" },
    onReady: function (callback) {
      if (typeof callback === "function") callback(info);
      return Promise.resolve(info);
    },
    auth: {
      getAccessToken: function () {
        return Promise.reject({ code: 13012, message: "SSO indisponible dans le stand-in." });
      },
    },
  };
})();
