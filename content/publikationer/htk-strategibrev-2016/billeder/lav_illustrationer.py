"""Laver illustrationerne til Direktionens strategibrev 2016 (eksempelpublikation).

Alle billeder er tegnet af dette script ud fra Høje-Taastrup Kommunes farver i
styles/hoeje-taastrup/_brand.yml. Ingen af dem er fotografier, og ingen forestiller en
virkelig person eller bygning. De er frigivet under CC0 1.0 (se LICENS.txt).

Kør fra projektets mappe, så laves de samme filer igen (tilfældigheden har et fast frø):

    .venv/bin/python content/publikationer/htk-strategibrev-2016/billeder/lav_illustrationer.py
"""
from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HER = Path(__file__).resolve().parent
FÆLLES = HER.parents[2] / "organisationer" / "hoeje-taastrup-billeder"

# Kommunens farver (styles/hoeje-taastrup/_brand.yml)
PETROL = (0x00, 0x5A, 0x70)
DYB_PETROL = (0x0A, 0x2F, 0x3A)
GRØN = (0x2A, 0x7A, 0x2F)
LIME = (0x8C, 0xC6, 0x3F)
SKIFER = (0x4B, 0x5D, 0x66)
PETROL_TONE = (0xE6, 0xF1, 0xF3)
HVID = (0xFF, 0xFF, 0xFF)


def bland(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def lodret_forløb(størrelse, top, bund):
    bredde, højde = størrelse
    kolonne = Image.new("RGB", (1, højde))
    for y in range(højde):
        kolonne.putpixel((0, y), bland(top, bund, y / (højde - 1)))
    return kolonne.resize((bredde, højde))


def korn(billede, frø=1):
    """Lidt støj, så flader ser ud som et foto frem for en tegning (fast frø: samme fil hver gang)."""
    data = random.Random(frø).randbytes(billede.width * billede.height)
    støj = Image.frombytes("L", billede.size, data).filter(ImageFilter.GaussianBlur(0.6))
    return Image.blend(billede, Image.merge("RGB", (støj, støj, støj)), 0.05)


def bakke(tegn, bredde, højde, basis, amplitude, bølger, farve, fase):
    punkter = [(0, højde)]
    for x in range(0, bredde + 20, 20):
        y = basis + amplitude * math.sin(x / bredde * bølger * math.pi + fase)
        y += amplitude * 0.3 * math.sin(x / bredde * bølger * 3.1 * math.pi + fase * 2)
        punkter.append((x, y))
    punkter.append((bredde, højde))
    tegn.polygon(punkter, fill=farve)


def træ(tegn, x, y, r, farve):
    tegn.rectangle((x - r * 0.12, y, x + r * 0.12, y + r * 1.3), fill=DYB_PETROL)
    tegn.ellipse((x - r, y - r * 1.4, x + r, y + r * 0.4), fill=farve)


def forside():
    """Et stiliseret landskab med en by i horisonten: forsidebilledet (JPEG, 2700 px bredt: over
    300 ppi på forsiden, som trykkes ca. 220 mm bred med beskæring)."""
    rnd = random.Random(2016)
    b, h = 2600, 1734
    billede = lodret_forløb((b, h), (0x9C, 0xC9, 0xD6), PETROL_TONE)
    tegn = ImageDraw.Draw(billede)
    tegn.ellipse((1850, 230, 2150, 530), fill=(0xFF, 0xF4, 0xD6))
    # Byens silhuet i horisonten
    x = 120
    while x < b - 120:
        bw = rnd.randint(70, 190)
        bh = rnd.randint(120, 420)
        tegn.rectangle((x, 1050 - bh, x + bw, 1060), fill=bland(PETROL, PETROL_TONE, 0.55))
        x += bw + rnd.randint(10, 60)
    bakke(tegn, b, h, 1080, 40, 2.0, bland(GRØN, PETROL_TONE, 0.45), 0.4)
    bakke(tegn, b, h, 1230, 70, 1.4, bland(GRØN, LIME, 0.35), 1.7)
    bakke(tegn, b, h, 1430, 60, 1.1, GRØN, 2.9)
    træer = sorted((rnd.randint(1330, 1500), rnd.randint(40, b - 40), rnd.randint(40, 85), rnd.random())
                   for _ in range(26))
    for ty, tx, r, mørke in træer:  # de fjerneste først
        træ(tegn, tx, ty, r, bland(GRØN, DYB_PETROL, mørke * 0.5))
    billede = billede.filter(ImageFilter.GaussianBlur(1.2)).resize((2700, 1800), Image.LANCZOS)
    korn(billede).save(HER / "forside.jpg", quality=85, optimize=True, progressive=True)


def rådhus():
    """Et abstrakt rådhus ved en plads (JPEG, 2400 px bredt: over 300 ppi i fuld tekstbredde)."""
    rnd = random.Random(15)
    b, h = 2400, 1350
    billede = lodret_forløb((b, h), (0xBF, 0xDD, 0xE5), HVID)
    tegn = ImageDraw.Draw(billede)
    # Plads og flisebånd
    tegn.rectangle((0, 1040, b, h), fill=(0xD9, 0xDE, 0xD8))
    for i in range(0, b, 120):
        tegn.line((i, 1040, i - 300, h), fill=(0xC8, 0xCE, 0xC8), width=6)
    # Hovedbygning
    tegn.rectangle((420, 520, 1980, 1040), fill=(0xF3, 0xF1, 0xEA))
    tegn.rectangle((420, 480, 1980, 540), fill=PETROL)
    for række in range(3):
        for kolonne in range(13):
            x = 490 + kolonne * 116
            y = 600 + række * 140
            tegn.rectangle((x, y, x + 70, y + 95), fill=bland(PETROL, PETROL_TONE, 0.3 + 0.1 * rnd.random()))
    # Tårn med ur
    tegn.rectangle((1080, 200, 1320, 520), fill=(0xEC, 0xE8, 0xDC))
    tegn.polygon([(1060, 200), (1200, 80), (1340, 200)], fill=DYB_PETROL)
    tegn.ellipse((1140, 260, 1260, 380), fill=HVID, outline=DYB_PETROL, width=8)
    tegn.line((1200, 320, 1200, 280), fill=DYB_PETROL, width=8)
    tegn.line((1200, 320, 1232, 336), fill=DYB_PETROL, width=8)
    # Indgang og trappe
    tegn.rectangle((1110, 880, 1290, 1040), fill=DYB_PETROL)
    for trin in range(3):
        tegn.rectangle((1060 - trin * 30, 1040 + trin * 18, 1340 + trin * 30, 1058 + trin * 18), fill=(0xBF, 0xC5, 0xBF))
    # Flag og træer
    tegn.line((1200, 80, 1200, 10), fill=SKIFER, width=6)
    tegn.rectangle((1203, 12, 1283, 58), fill=(0xC6, 0x0C, 0x30))
    tegn.rectangle((1229, 12, 1241, 58), fill=HVID)
    tegn.rectangle((1203, 29, 1283, 41), fill=HVID)
    for tx in (180, 300, 2100, 2230):
        træ(tegn, tx, 820, 110, bland(GRØN, LIME, 0.25))
    # Mennesker på pladsen som enkle figurer
    for _ in range(14):
        px, py = rnd.randint(150, b - 150), rnd.randint(1100, 1290)
        farve = rnd.choice([PETROL, GRØN, SKIFER, DYB_PETROL])
        tegn.ellipse((px - 14, py - 70, px + 14, py - 42), fill=farve)
        tegn.rounded_rectangle((px - 22, py - 40, px + 22, py + 30), radius=14, fill=farve)
    billede = billede.filter(ImageFilter.GaussianBlur(0.8))
    korn(billede, frø=2).save(HER / "raadhus.jpg", quality=85, optimize=True, progressive=True)


def portræt():
    """En stiliseret silhuet i stedet for et foto af en person (PNG)."""
    b, h = 900, 1125
    billede = Image.new("RGB", (b, h), PETROL_TONE)
    tegn = ImageDraw.Draw(billede)
    tegn.ellipse((-200, 380, 1100, 1700), fill=bland(PETROL_TONE, LIME, 0.25))
    tegn.ellipse((300, 220, 600, 560), fill=PETROL)
    tegn.rounded_rectangle((390, 520, 510, 640), radius=30, fill=PETROL)
    tegn.ellipse((130, 600, 770, 1400), fill=PETROL)
    tegn.polygon([(380, 610), (450, 760), (520, 610)], fill=PETROL_TONE)
    tegn.polygon([(420, 640), (450, 700), (480, 640), (465, 860), (450, 880), (435, 860)], fill=GRØN)
    billede.save(HER / "portraet.png", optimize=True)


def underskrift():
    """En kruset streg som underskrift (PNG med gennemsigtig baggrund); ikke en rigtig underskrift."""
    skala = 4
    b, h = 640 * skala, 200 * skala
    billede = Image.new("RGBA", (b, h), (255, 255, 255, 0))
    tegn = ImageDraw.Draw(billede)
    punkter = []
    for i in range(400):
        t = i / 399
        x = 40 + t * 560
        y = 110 - 45 * math.sin(t * 7 * math.pi) * (1 - t * 0.6) - 30 * math.sin(t * 2.2 * math.pi)
        x += 38 * math.cos(t * 7 * math.pi)
        punkter.append((x * skala, y * skala))
    tegn.line(punkter, fill=DYB_PETROL + (255,), width=5 * skala, joint="curve")
    tegn.line([(380 * skala, 168 * skala), (610 * skala, 150 * skala)], fill=DYB_PETROL + (255,), width=4 * skala)
    billede.resize((b // skala, h // skala), Image.LANCZOS).save(HER / "underskrift.png", optimize=True)


SAMARBEJDE = """<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600">
  <rect width="800" height="600" fill="#e6f1f3"/>
  <g stroke="#4b5d66" stroke-width="6" stroke-linecap="round">
{linjer}
  </g>
  <circle cx="400" cy="300" r="92" fill="#005a70"/>
  <circle cx="400" cy="300" r="40" fill="#8cc63f"/>
{cirkler}
</svg>
"""


def samarbejde():
    """Fem enheder om en fælles opgave, forbundet på kryds og tværs (SVG, tegnet i hånden som tal)."""
    centre = []
    for i in range(5):
        vinkel = -math.pi / 2 + i * 2 * math.pi / 5
        centre.append((400 + 220 * math.cos(vinkel), 300 + 210 * math.sin(vinkel)))
    linjer = []
    for i, (x1, y1) in enumerate(centre):
        linjer.append(f'    <line x1="400" y1="300" x2="{x1:.0f}" y2="{y1:.0f}"/>')
        x2, y2 = centre[(i + 1) % 5]
        linjer.append(f'    <line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke-dasharray="14 14"/>')
    farver = ["#2a7a2f", "#005a70", "#0a2f3a", "#2a7a2f", "#005a70"]
    cirkler = "\n".join(f'  <circle cx="{x:.0f}" cy="{y:.0f}" r="58" fill="{f}"/>\n'
                        f'  <circle cx="{x:.0f}" cy="{y:.0f}" r="20" fill="#ffffff"/>'
                        for (x, y), f in zip(centre, farver))
    (HER / "samarbejde.svg").write_text(SAMARBEJDE.format(linjer="\n".join(linjer), cirkler=cirkler), encoding="utf-8")


def mønster():
    """Et pynte-bånd af cirkler i kommunens farver til kommunens fælles billedmappe (SVG)."""
    elementer = []
    for i in range(24):
        x = 20 + i * 40
        farve = ["#8cc63f", "#005a70", "#e6f1f3", "#2a7a2f"][i % 4]
        r = 14 if i % 2 else 9
        elementer.append(f'  <circle cx="{x}" cy="30" r="{r}" fill="{farve}"/>')
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="960" height="60" viewBox="0 0 960 60">\n'
           + "\n".join(elementer) + "\n</svg>\n")
    FÆLLES.mkdir(exist_ok=True)
    (FÆLLES / "mønster.svg").write_text(svg, encoding="utf-8")


if __name__ == "__main__":
    forside()
    rådhus()
    portræt()
    underskrift()
    samarbejde()
    mønster()
