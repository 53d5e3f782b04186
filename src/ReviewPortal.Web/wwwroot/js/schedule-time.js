// The public schedule: the server writes times in the conference's zone and each <time> carries the instant (UTC) in
// its datetime attribute. This offers the reader's own zone; without JavaScript the conference's zone stays.
(function () {
    'use strict';
    var switches = document.querySelectorAll('[data-tz-switch]');
    if (!switches.length || !window.Intl) return;
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var times = document.querySelectorAll('time[data-local]');
    var names = document.querySelectorAll('[data-zone-name]');
    var timeOnly = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    var withDate = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    times.forEach(function (t) { t.dataset.conference = t.textContent; });
    names.forEach(function (n) { n.dataset.conference = n.textContent; });

    function show(mine) {
        times.forEach(function (t) {
            var instant = new Date(t.getAttribute('datetime'));
            t.textContent = mine ? (t.hasAttribute('data-date') ? withDate : timeOnly).format(instant) : t.dataset.conference;
        });
        names.forEach(function (n) { n.textContent = mine ? zone + ' (your time zone)' : n.dataset.conference; });
        document.querySelectorAll('[data-tz-toggle]').forEach(function (box) { box.checked = mine; });
        try { localStorage.setItem('schedule-my-zone', mine ? '1' : '0'); } catch (e) { /* private mode */ }
    }

    switches.forEach(function (s) {
        s.hidden = false;
        s.querySelector('[data-tz-toggle]').addEventListener('change', function (e) { show(e.target.checked); });
    });
    var saved = null;
    try { saved = localStorage.getItem('schedule-my-zone'); } catch (e) { /* private mode */ }
    if (saved === '1') show(true);
})();
