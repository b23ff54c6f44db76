// Above each code block that the book extracts into a crate, shows the file it becomes:
// the block's info string says `file:src/lib.rs` (and maybe `crate:NAME`), which mdBook
// keeps as classes on the <code> element. Chapter NN-slug's crate is chNN-slug.
//
// On a chapter's page the chapter is the page's name. The print page holds every chapter
// in the order of the table of contents, each after a page break: there, the chapter of a
// block is the one whose page break it follows.
(function () {
    const chapterCrate = (page) => (/^\d\d-/.test(page) ? 'ch' + page : null);
    const pageName = (href) => href.split(/[?#]/)[0].split('/').pop().replace(/\.html$/, '');
    const page = pageName(location.pathname);
    let crateAt = () => chapterCrate(page);
    if (page === 'print') {
        const chapters = [];
        for (const link of document.querySelectorAll('#mdbook-sidebar a[href$=".html"], #sidebar a[href$=".html"]')) {
            const name = pageName(link.getAttribute('href'));
            if (!chapters.includes(name)) chapters.push(name);
        }
        const breaks = Array.from(document.querySelectorAll('main div[style*="break-before"]'));
        if (breaks.length + 1 !== chapters.length) return;
        crateAt = (code) => {
            const before = breaks.filter(
                (b) => b.compareDocumentPosition(code) & Node.DOCUMENT_POSITION_FOLLOWING,
            ).length;
            return chapterCrate(chapters[before]);
        };
    }
    for (const code of document.querySelectorAll('code[class*="file:"]')) {
        const classes = code.className.split(/\s+/);
        const file = classes.find((c) => c.startsWith('file:')).slice('file:'.length);
        const named = classes.find((c) => c.startsWith('crate:'));
        const crate = named ? named.slice('crate:'.length) : crateAt(code);
        const pre = code.closest('pre');
        if (!crate || !pre) continue;
        const caption = document.createElement('div');
        caption.className = 'listing-file';
        caption.textContent = `crates/${crate}/${file}`;
        pre.parentNode.insertBefore(caption, pre);
    }
})();
