// Initialises the design system's components. Loaded as a file: the Content-Security-Policy allows no inline script.
if (window.DKFDS && typeof window.DKFDS.init === 'function') {
    window.DKFDS.init();
}
