"""What `extends:` may name besides a path: a pinned git repository, or a package."""

from __future__ import annotations

import re

import pytest

from rmf.reading.pinned import BaseSpecError, GitBase, PackageBase, is_pinned, parse

SHA = "0123456789abcdef0123456789abcdef01234567"


@pytest.mark.parametrize(
    ("text", "url", "ref", "sub"),
    [
        (
            "git+https://example.org/acme/method.git@v2.1.0",
            "https://example.org/acme/method.git",
            "v2.1.0",
            "",
        ),
        (
            "git+https://example.org/acme/method.git@v2.1.0#subdirectory=frameworks/base",
            "https://example.org/acme/method.git",
            "v2.1.0",
            "frameworks/base",
        ),
        (
            "git+ssh://git@example.org/acme/method.git@release/2.1",
            "ssh://git@example.org/acme/method.git",
            "release/2.1",
            "",
        ),
        (f"git+file:///srv/method@{SHA}", "file:///srv/method", SHA, ""),
        ("git+file:///srv/method@v1#subdirectory=./base/", "file:///srv/method", "v1", "base"),
    ],
)
def test_a_git_base_is_a_url_a_ref_and_a_folder(text: str, url: str, ref: str, sub: str) -> None:
    assert is_pinned(text)
    assert parse(text) == GitBase(text, url, ref, sub)


def test_a_commit_is_told_from_a_tag() -> None:
    commit, tag = parse(f"git+file:///srv/m@{SHA}"), parse("git+file:///srv/m@v1")
    assert isinstance(commit, GitBase) and isinstance(tag, GitBase)
    assert commit.is_commit and not tag.is_commit


def test_a_package_base_is_an_entry_point_name() -> None:
    assert parse("pkg:acme-method") == PackageBase("pkg:acme-method", "acme-method")


def test_a_path_is_not_pinned() -> None:
    assert not is_pinned("../base") and not is_pinned("git-methods/base")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("git+https://example.org/acme/method.git", "not pinned"),
        ("git+http://example.org/acme/method.git@v1", "plain http"),
        ("git+git://example.org/acme/method.git@v1", "plain http"),
        ("git+ext::sh -c touch% /tmp/pwned@v1", "spaces"),
        ("git+https://example.org/m.git@--upload-pack=touch", "neither a tag"),
        ("git+https://example.org/m.git@-v1", "neither a tag"),
        ("git+https://example.org/m.git@v1..v2", "neither a tag"),
        ("git+ssh://-oProxyCommand=touch/m.git@v1", "no host"),
        ("git+file://host/srv/m@v1", "absolute path"),
        ("git+https://example.org/m.git@v1#subdirectory=../../etc", "inside the repository"),
        ("git+https://example.org/m.git@v1#egg=method", "only part after `#`"),
        ("git+https://example.org/m.git@v1?ref=x", "no query"),
        ("pkg:", "name the entry point"),
        ("pkg:-x", "name the entry point"),
        ("git+https://example.org/m.git@v1\n", "control"),
    ],
)
def test_a_base_git_could_misread_is_refused(text: str, says: str) -> None:
    with pytest.raises(BaseSpecError, match=r"(?s).*" + re.escape(says)):
        parse(text)
