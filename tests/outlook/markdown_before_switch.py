# ruff: noqa: E501 - captured output, kept verbatim
"""What the site rendered before the switch to markdown-it-py (Python-Markdown 3.11 with
"extra" and "sane_lists", then nh3), for every construct editors use and the demo's content.

Captured once with the old renderer; tests/outlook/media/test_markdown.py checks the new one shows
the same."""

RENDERED_BEFORE_SWITCH = {
    "emphasis_code_links": (
        'Some **bold**, *italic*, `code` and a [link](https://example.com "Title"), <https://example.org> too.',
        '<p>Some <strong>bold</strong>, <em>italic</em>, <code>code</code> and a <a href="https://example.com" title="Title" rel="noopener noreferrer nofollow">link</a>, <a href="https://example.org" rel="noopener noreferrer nofollow">https://example.org</a> too.</p>',
    ),
    "headings": (
        "## A heading\n\nText.\n\n### A smaller one\n\n#### Smaller still",
        "<h2>A heading</h2>\n<p>Text.</p>\n<h3>A smaller one</h3>\n<h4>Smaller still</h4>",
    ),
    "bullet_list": (
        "Before.\n\n- one\n- two with **bold**\n- three\n\nAfter.",
        "<p>Before.</p>\n<ul>\n<li>one</li>\n<li>two with <strong>bold</strong></li>\n<li>three</li>\n</ul>\n<p>After.</p>",
    ),
    "ordered_list": (
        "1. first\n2. second\n3. third",
        "<ol>\n<li>first</li>\n<li>second</li>\n<li>third</li>\n</ol>",
    ),
    "nested_list": (
        "- outer\n    - inner one\n    - inner two\n- outer two",
        "<ul>\n<li>outer<ul>\n<li>inner one</li>\n<li>inner two</li>\n</ul>\n</li>\n<li>outer two</li>\n</ul>",
    ),
    "loose_list": (
        "- one\n\n- two",
        "<ul>\n<li>\n<p>one</p>\n</li>\n<li>\n<p>two</p>\n</li>\n</ul>",
    ),
    "blockquote": (
        "> A quoted line\n> that goes on.\n\nAfter.",
        "<blockquote>\n<p>A quoted line\nthat goes on.</p>\n</blockquote>\n<p>After.</p>",
    ),
    "table": (
        "| Task | Exposure |\n| :--- | ---: |\n| Drafting | high |\n| Review | low |",
        "<table>\n<thead>\n<tr>\n<th>Task</th>\n<th>Exposure</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Drafting</td>\n<td>high</td>\n</tr>\n<tr>\n<td>Review</td>\n<td>low</td>\n</tr>\n</tbody>\n</table>",
    ),
    "footnotes": (
        "A claim[^1] and another[^note].\n\n[^1]: The source.\n[^note]: A longer note.",
        '<p>A claim<sup id="fnref:1"><a href="#fn:1" rel="noopener noreferrer nofollow">1</a></sup> and another<sup id="fnref:note"><a href="#fn:note" rel="noopener noreferrer nofollow">2</a></sup>.</p>\n<div class="footnote">\n<hr>\n<ol>\n<li id="fn:1">\n<p>The source.&nbsp;<a href="#fnref:1" title="Jump back to footnote 1 in the text" rel="noopener noreferrer nofollow">↩</a></p>\n</li>\n<li id="fn:note">\n<p>A longer note.&nbsp;<a href="#fnref:note" title="Jump back to footnote 2 in the text" rel="noopener noreferrer nofollow">↩</a></p>\n</li>\n</ol>\n</div>',
    ),
    "image": (
        "![A chart of exposure](/media/markdownx/chart.png)",
        '<p><img alt="A chart of exposure" src="/media/markdownx/chart.png"></p>',
    ),
    "image_with_title": (
        '![A chart](https://cdn.example.com/a.png "Exposure by year")',
        '<p><img alt="A chart" src="https://cdn.example.com/a.png" title="Exposure by year"></p>',
    ),
    "fenced_code": (
        "```\nprint('hi') < 3\n```",
        "<pre><code>print('hi') &lt; 3\n</code></pre>",
    ),
    "horizontal_rule": (
        "Above\n\n---\n\nBelow",
        "<p>Above</p>\n<hr>\n<p>Below</p>",
    ),
    "line_break": (
        "First line  \nsecond line",
        "<p>First line<br>\nsecond line</p>",
    ),
    "escaped_html": (
        "5 < 6 & 7 > 3",
        "<p>5 &lt; 6 &amp; 7 &gt; 3</p>",
    ),
    "demo_editors_note_1_4": (
        "This issue looks at eight professions **task by task**. We rate each task's exposure to today's AI tools as high, medium or low, and explain why.\n\nExposure is not a verdict on anyone's job: it shows where the work is changing.",
        "<p>This issue looks at eight professions <strong>task by task</strong>. We rate each task's exposure to today's AI tools as high, medium or low, and explain why.</p>\n<p>Exposure is not a verdict on anyone's job: it shows where the work is changing.</p>",
    ),
    "demo_editors_note_1_1": (
        "Our first issue: where AI stood in three professions in 2025.",
        "<p>Our first issue: where AI stood in three professions in 2025.</p>",
    ),
}
