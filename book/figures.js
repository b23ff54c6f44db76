// A figure wider than the screen keeps its size, so that its text stays readable, and
// scrolls sideways (figures.css). Phones hide scroll bars, so this marks such a figure: a
// shade on each side where more of it lies, and a line under it that says it scrolls.
(function () {
    const frames = [];
    for (const img of document.querySelectorAll('main .checkbox-label > img[src*="figures/"]')) {
        const label = img.parentElement;
        const frame = document.createElement('div');
        frame.className = 'figure-frame';
        const hint = document.createElement('div');
        hint.className = 'figure-hint';
        hint.textContent = '\u2194 wider than the screen: swipe sideways to see it all';
        label.parentNode.insertBefore(frame, label);
        frame.append(label, hint);
        frames.push(frame);
        label.addEventListener('scroll', () => mark(frame), { passive: true });
        img.addEventListener('load', () => mark(frame));
    }
    function mark(frame) {
        const label = frame.firstElementChild;
        const room = label.scrollWidth - label.clientWidth;
        frame.classList.toggle('scrolls', room > 1);
        frame.classList.toggle('more-left', label.scrollLeft > 1);
        frame.classList.toggle('more-right', label.scrollLeft < room - 1);
    }
    const markAll = () => frames.forEach(mark);
    window.addEventListener('resize', markAll);
    markAll();
})();
