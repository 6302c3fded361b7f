"""Ed25519 keys and detached signatures for the offline bundle's manifest.

The signature covers the exact bytes of ``MANIFEST.json``, which lists the SHA-256 of
every other file, so one signature vouches for the whole bundle. Ed25519 signatures are
deterministic: the same key and manifest always give the same bytes, which keeps the
bundle reproducible.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from dangjian.core import jsondoc

SIGNATURE = "MANIFEST.sig"
SIGNATURE_FORMAT = "dangjian-signature/1"
ALGORITHM = "Ed25519"
_KEY_FILE_LIMIT = 64 * 1024  # a PEM Ed25519 key is about 120 bytes
_FINGERPRINT = re.compile(r"sha256:[0-9a-f]{64}")


class SigningError(ValueError):
    """A key or signature problem, with a message for users (in Chinese)."""


@dataclass(frozen=True)
class KeyPair:
    private: Path
    public: Path
    fingerprint: str


def fingerprint(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def generate(out_dir: Path, name: str, force: bool = False) -> KeyPair:
    """Write ``name.key`` (private, mode 0600) and ``name.pub`` into ``out_dir``."""
    if not name or "/" in name or "\\" in name or name in {".", ".."}:
        raise SigningError(f"密钥名不能含路径分隔符：{name!r}")
    private_path, public_path = out_dir / f"{name}.key", out_dir / f"{name}.pub"
    existing = [str(path) for path in (private_path, public_path)
                if path.exists() or path.is_symlink()]
    if existing and not force:
        raise SigningError(f"密钥已存在：{'、'.join(existing)}。要覆盖请加 --force"
                           "（覆盖后，用旧私钥签名的离线包只能用旧公钥核对）")
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    public_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _write_new(private_path, private_pem, 0o600)
        _write_new(public_path, public_pem, 0o644)
    except OSError as exc:
        raise SigningError(f"无法写入密钥：{exc}") from exc
    return KeyPair(private_path, public_path, fingerprint(key.public_key()))


def _write_new(path: Path, data: bytes, mode: int) -> None:
    # Unlink first so that an old file's looser mode (or a symlink) never carries over;
    # O_EXCL then guarantees the key is created here with exactly ``mode``.
    if path.exists() or path.is_symlink():
        path.unlink()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    os.chmod(path, mode)  # the umask may have narrowed it further; state it exactly


def _read_key_file(path: Path) -> bytes:
    try:
        if path.stat().st_size > _KEY_FILE_LIMIT:
            raise SigningError(f"{path} 不是 Ed25519 密钥文件（文件过大）")
        return path.read_bytes()
    except OSError as exc:
        raise SigningError(f"无法读取密钥文件 {path}：{exc.strerror or exc}") from exc


def load_private(path: Path) -> Ed25519PrivateKey:
    data = _read_key_file(path)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except TypeError as exc:  # cryptography's way of saying the key has a passphrase
        raise SigningError(f"{path} 的私钥有口令保护，暂不支持") from exc
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise SigningError(f"{path} 不是 PEM 格式的私钥（请用 dangjian keygen 生成）") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError(f"{path} 不是 Ed25519 私钥（请用 dangjian keygen 生成）")
    return key


def load_public(path: Path) -> Ed25519PublicKey:
    data = _read_key_file(path)
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm) as exc:
        hint = "，这是私钥，请改用 .pub 公钥文件" if b"PRIVATE KEY" in data else ""
        raise SigningError(f"{path} 不是 PEM 格式的公钥{hint}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise SigningError(f"{path} 不是 Ed25519 公钥")
    return key


def sign(manifest: bytes, key: Ed25519PrivateKey) -> bytes:
    return jsondoc.dump(SIGNATURE_FORMAT, {
        "algorithm": ALGORITHM,
        "signer": fingerprint(key.public_key()),
        "signature": base64.b64encode(key.sign(manifest)).decode("ascii"),
    }, ascii_only=True)


def check(manifest: bytes, signature: bytes, key: Ed25519PublicKey) -> str:
    """Return the signer's fingerprint, or raise SigningError saying why not."""
    try:
        document = jsondoc.load(signature, SIGNATURE_FORMAT, SIGNATURE)
    except jsondoc.FormatError as exc:
        raise SigningError(str(exc)) from exc
    if document.get("algorithm") != ALGORITHM:
        raise SigningError(f"{SIGNATURE} 的算法不是 {ALGORITHM}")
    expected = fingerprint(key)
    signer = document.get("signer")
    if signer != expected:
        # The value comes from the archive: shown only when it has the expected shape.
        shown = signer if isinstance(signer, str) and _FINGERPRINT.fullmatch(signer) else "（无效）"
        raise SigningError(f"签名者 {shown} 不是所给公钥 {expected}：离线包不是由该密钥签名的")
    try:
        raw = base64.b64decode(str(document.get("signature", "")), validate=True)
        key.verify(raw, manifest)
    except (binascii.Error, ValueError, InvalidSignature) as exc:
        raise SigningError(f"签名与 MANIFEST.json 不符：清单在签名后被改动过，"
                           f"或签名已损坏（签名者 {expected}）") from exc
    return expected
