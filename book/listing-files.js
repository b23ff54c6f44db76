// Above each code block that the book extracts into a crate, shows the file it becomes:
// the block's info string says `file:src/lib.rs` (and maybe `crate:NAME`), which mdBook
// keeps as classes on the <code> element. Chapter NN-slug's crate is chNN-slug.
(function () {
    const page = location.pathname.split('/').pop().replace(/\.html$/, '');
    const chapterCrate = /^\d\d-/.test(page) ? 'ch' + page : null;
    for (const code of document.querySelectorAll('code[class*="file:"]')) {
        const classes = code.className.split(/\s+/);
        const file = classes.find((c) => c.startsWith('file:')).slice('file:'.length);
        const named = classes.find((c) => c.startsWith('crate:'));
        const crate = named ? named.slice('crate:'.length) : chapterCrate;
        const pre = code.closest('pre');
        if (!crate || !pre) continue;
        const caption = document.createElement('div');
        caption.className = 'listing-file';
        caption.textContent = `crates/${crate}/${file}`;
        pre.parentNode.insertBefore(caption, pre);
    }
})();
