"""The whole content tree: organisations, their brands, and every publication."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Location, Problems
from ..model import Brand, Organisation, Publication
from .brand import read_brand
from .organisation import read_organisation
from .publication import MANIFEST_NAME, read_publication


@dataclass(frozen=True)
class Project:
    root: Path
    organisations: dict[str, Organisation]
    brands: dict[str, Brand]
    publications: tuple[Publication, ...]
    warnings: tuple


@dataclass(frozen=True)
class ProjectPaths:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def organisations(self) -> Path:
        return self.content / "organisationer"

    @property
    def publications(self) -> Path:
        return self.content / "publikationer"

    @property
    def styles(self) -> Path:
        return self.root / "styles"

    @property
    def templates(self) -> Path:
        return self.root / "templates"


def load_project(root: Path, only: str | None = None, shared_from: Project | None = None) -> Project:
    """Read and validate everything; raises ContentError listing every problem found.

    `shared_from`: a project read before, whose organisations and brands are taken as they are
    instead of read again (the live preview, after a save inside one publication's folder:
    reading the brands' fonts is most of the time a reading takes)."""
    paths = ProjectPaths(root)
    problems = Problems()

    # None for an organisation whose file has errors: they are reported once, in that file, and
    # publications naming it are not checked against its (unreliable) levels and functions.
    organisations: dict[str, Organisation | None] = {}
    for path in sorted(paths.organisations.glob("*.yml")) if shared_from is None else ():
        errors_before = len(problems.errors)
        organisation = read_organisation(path, problems)
        organisations[path.stem] = organisation if len(problems.errors) == errors_before else None

    brands: dict[str, Brand] = {} if shared_from is None else dict(shared_from.brands)
    if shared_from is not None:
        organisations.update(shared_from.organisations)
    for organisation in filter(None, organisations.values()) if shared_from is None else ():
        if organisation.brand_id and organisation.brand_id not in brands:
            brand = read_brand(paths.styles / organisation.brand_id, organisation, problems)
            if brand is not None:
                brands[brand.id] = brand

    folders = sorted(p.parent for p in paths.publications.glob(f"*/{MANIFEST_NAME}"))
    for folder in sorted(paths.publications.iterdir()) if paths.publications.is_dir() else []:
        if folder.is_dir() and folder not in folders:
            problems.error(Location(folder), f"mappen har ingen {MANIFEST_NAME}. Opret den, eller flyt "
                                             "mappen ud af content/publikationer.")
    if only is not None:
        if only not in [f.name for f in folders]:
            problems.error(Location(paths.publications), f"publikationen '{only}' findes ikke.")
        folders = [f for f in folders if f.name == only]
    publications = []
    for folder in folders:
        publication = read_publication(folder, organisations, brands, problems)
        if publication is not None:
            publications.append(publication)
    if not folders and only is None and not any(p.is_dir() for p in paths.publications.glob("*")):
        problems.error(Location(paths.publications), "der er ingen publikationer at bygge.")

    problems.raise_if_errors()
    return Project(root, {k: v for k, v in organisations.items() if v is not None}, brands, tuple(publications), tuple(problems.warnings))
