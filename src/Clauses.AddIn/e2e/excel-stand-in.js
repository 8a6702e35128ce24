// Stand-in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js in the Excel E2E test:
// an Excel host (ExcelApi up to 1.8) whose SSO is unavailable (code 13012, so the pane offers
// the demo sign-in) and a small in-memory workbook with what src/excel/excel-host.ts uses:
// worksheets (add, getItem, getItemOrNullObject, activate, visibility), ranges by address
// (values, numberFormat, format.fill, dataValidation, clear), tables (add, getItemOrNullObject,
// getRange, getHeaderRowRange, getDataBodyRange, worksheet, delete). Writes apply at once;
// sync() only counts. The test reads and edits it through window.__excelStandIn.
(function () {
  "use strict";
  var MAX_ROW = 1048576;
  var book = { sheets: [], tables: [], active: null, syncs: 0 };

  function letterToIndex(letters) {
    var n = 0;
    for (var i = 0; i < letters.length; i++) n = n * 26 + (letters.toUpperCase().charCodeAt(i) - 64);
    return n - 1;
  }
  function indexToLetter(index) {
    var n = index + 1, s = "";
    while (n > 0) { var r = (n - 1) % 26; s = String.fromCharCode(65 + r) + s; n = Math.floor((n - 1) / 26); }
    return s;
  }
  function box(address) {
    var local = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
    var whole = /^([A-Z]+):([A-Z]+)$/i.exec(local);
    if (whole) return { r1: 1, r2: MAX_ROW, c1: letterToIndex(whole[1]), c2: letterToIndex(whole[2]) };
    var parts = local.split(":");
    var a = /^([A-Z]+)(\d+)$/i.exec(parts[0]);
    var b = /^([A-Z]+)(\d+)$/i.exec(parts[1] || parts[0]);
    return { r1: Number(a[2]), c1: letterToIndex(a[1]), r2: Number(b[2]), c2: letterToIndex(b[1]) };
  }
  function key(r, c) { return r + "," + c; }
  function findSheet(name) {
    return book.sheets.filter(function (s) { return s.name.toLowerCase() === String(name).toLowerCase(); })[0] || null;
  }
  function newSheet(name) {
    var sheet = { name: name, cells: {}, formats: {}, fills: {}, visibility: "Visible", validations: [] };
    book.sheets.push(sheet);
    return sheet;
  }
  function eachIn(sheet, b, fn) {
    [sheet.cells, sheet.formats, sheet.fills].forEach(function (map) {
      Object.keys(map).forEach(function (k) {
        var p = k.split(",").map(Number);
        if (p[0] >= b.r1 && p[0] <= b.r2 && p[1] >= b.c1 && p[1] <= b.c2) fn(map, k);
      });
    });
  }
  function grid(sheet, b, map, blank) {
    var rows = [];
    for (var r = b.r1; r <= Math.min(b.r2, b.r1 + 100000); r++) {
      var row = [];
      for (var c = b.c1; c <= b.c2; c++) { var v = map[key(r, c)]; row.push(v === undefined ? blank : v); }
      rows.push(row);
    }
    return rows;
  }
  function setGrid(sheet, b, map, values) {
    if (values.length !== b.r2 - b.r1 + 1) throw new Error("Dimensions incorrectes pour " + indexToLetter(b.c1) + b.r1);
    values.forEach(function (row, i) {
      if (row.length !== b.c2 - b.c1 + 1) throw new Error("Dimensions incorrectes (colonnes)");
      row.forEach(function (v, j) { map[key(b.r1 + i, b.c1 + j)] = v; });
    });
  }

  function range(sheet, address) {
    var b = box(address);
    var r = {
      load: function () { return r; },
      get address() { return "'" + sheet.name + "'!" + indexToLetter(b.c1) + b.r1 + ":" + indexToLetter(b.c2) + b.r2; },
      get values() { return grid(sheet, b, sheet.cells, ""); },
      set values(v) { setGrid(sheet, b, sheet.cells, v); },
      get numberFormat() { return grid(sheet, b, sheet.formats, "General"); },
      set numberFormat(v) { setGrid(sheet, b, sheet.formats, v); },
      format: {
        fill: {
          set color(color) { for (var i = b.r1; i <= b.r2; i++) for (var j = b.c1; j <= b.c2; j++) sheet.fills[key(i, j)] = color; },
          get color() { return sheet.fills[key(b.r1, b.c1)] || ""; },
          clear: function () { eachIn(sheet, b, function (map, k) { if (map === sheet.fills) delete map[k]; }); },
        },
        autofitColumns: function () {},
      },
      dataValidation: {
        clear: function () {},
        set rule(rule) { if (rule && rule.list) sheet.validations.push({ address: address, source: rule.list.source }); },
        set errorAlert(alert) { sheet.lastAlert = alert; },
      },
      clear: function () { eachIn(sheet, b, function (map, k) { delete map[k]; }); },
    };
    return r;
  }

  function worksheet(sheet) {
    var ws = {
      isNullObject: !sheet,
      load: function () { return ws; },
      get name() { return sheet ? sheet.name : ""; },
      set visibility(v) { sheet.visibility = v; },
      get visibility() { return sheet.visibility; },
      getRange: function (address) { return range(sheet, address); },
      activate: function () { book.active = sheet.name; },
      delete: function () { book.sheets = book.sheets.filter(function (s) { return s !== sheet; }); },
      tables: {
        add: function (address, hasHeaders) {
          var b = box(address);
          var t = { name: "Tableau" + (book.tables.length + 1), sheet: sheet, r1: b.r1, r2: b.r2, c1: b.c1, c2: b.c2, hasHeaders: hasHeaders };
          book.tables.push(t);
          return table(t);
        },
      },
    };
    return ws;
  }

  function table(t) {
    var sub = function (r1, r2) { return range(t.sheet, indexToLetter(t.c1) + r1 + ":" + indexToLetter(t.c2) + r2); };
    return {
      isNullObject: !t,
      load: function () {},
      get name() { return t.name; },
      set name(value) {
        if (book.tables.some(function (o) { return o !== t && o.name.toLowerCase() === value.toLowerCase(); })) throw new Error("Nom de tableau déjà utilisé");
        t.name = value;
      },
      get worksheet() { return worksheet(t && t.sheet); },
      getRange: function () { return sub(t.r1, t.r2); },
      getHeaderRowRange: function () { return sub(t.r1, t.r1); },
      getDataBodyRange: function () { return sub(t.r1 + 1, t.r2); },
      delete: function () { book.tables = book.tables.filter(function (o) { return o !== t; }); },
    };
  }

  var context = {
    workbook: {
      worksheets: {
        getItemOrNullObject: function (name) { return worksheet(findSheet(name)); },
        getItem: function (name) {
          var s = findSheet(name);
          if (!s) throw new Error("ItemNotFound: " + name);
          return worksheet(s);
        },
        add: function (name) {
          if (findSheet(name)) throw new Error("ItemAlreadyExists: " + name);
          return worksheet(newSheet(name));
        },
      },
      tables: {
        getItemOrNullObject: function (name) {
          var t = book.tables.filter(function (o) { return o.name.toLowerCase() === String(name).toLowerCase(); })[0];
          return t ? table(t) : { isNullObject: true, load: function () {} };
        },
      },
    },
    sync: function () {
      book.syncs += 1;
      return new Promise(function (resolve) { setTimeout(resolve, 0); });
    },
  };

  window.Excel = { run: function (callback) { return Promise.resolve().then(function () { return callback(context); }); } };

  function cellAt(sheetName, address) {
    var s = findSheet(sheetName);
    var b = box(address);
    return s ? s.cells[key(b.r1, b.c1)] : undefined;
  }
  window.__excelStandIn = {
    book: book,
    cell: cellAt,
    setCell: function (sheetName, address, value) {
      var b = box(address);
      findSheet(sheetName).cells[key(b.r1, b.c1)] = value;
    },
    fill: function (sheetName, address) {
      var b = box(address);
      return findSheet(sheetName).fills[key(b.r1, b.c1)] || null;
    },
    filled: function (sheetName) {
      var s = findSheet(sheetName);
      return Object.keys(s.fills).map(function (k) { var p = k.split(",").map(Number); return indexToLetter(p[1]) + p[0]; });
    },
    /** The table's sheet, header names and data row count. */
    table: function (name) {
      var t = book.tables.filter(function (o) { return o.name === name; })[0];
      if (!t) return null;
      var headers = [];
      for (var c = t.c1; c <= t.c2; c++) headers.push(t.sheet.cells[key(t.r1, c)]);
      return { sheet: t.sheet.name, headers: headers, firstRow: t.r1, lastRow: t.r2, firstColumn: indexToLetter(t.c1), rows: t.r2 - t.r1 };
    },
    letter: indexToLetter,
    sheetNames: function () { return book.sheets.map(function (s) { return s.name + (s.visibility === "Hidden" ? " (masquée)" : ""); }); },
  };

  var info = { host: "Excel", platform: "OfficeOnline" };
  window.Office = {
    HostType: { Word: "Word", Excel: "Excel" },
    context: {
      requirements: {
        isSetSupported: function (name, version) {
          return name === "ExcelApi" && Number(String(version).split(".")[1] || 0) <= 8;
        },
      },
    },
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
