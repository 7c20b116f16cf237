// Initialises the design system's components. Loaded as a file: the Content-Security-Policy allows no inline script.
if (window.DKFDS && typeof window.DKFDS.init === 'function') {
    window.DKFDS.init();
}

// The meeting paper's running footer, printed in every page's bottom margin: the print style sheet reads it from this
// custom property (a margin box can show no element, and the Content-Security-Policy allows no inline style).
(function () {
    'use strict';
    var footer = document.querySelector('.print-footer');
    if (footer) {
        document.documentElement.style.setProperty('--paper-footer', JSON.stringify(footer.textContent.replace(/\s+/g, ' ').trim()));
    }
})();
