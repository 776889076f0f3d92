// Offline search of the site: documents, missions, competencies and the
// lines of their sections (conditions d'exercice, relations…).
// Plain JavaScript with no request: the index is loaded beforehand by
// recherche-index.js, so the page also works when opened from file://.
(function () {
  "use strict";
  var donnees = window.REFNUM_RECHERCHE;
  var champ = document.getElementById("q");
  var etat = document.getElementById("etat");
  var liste = document.getElementById("resultats");
  if (!donnees || !champ || !etat || !liste) {
    return;
  }
  var MAX_RESULTATS = 100;
  var MAX_LIENS = 12;

  // Lower case, without accents nor ligatures nor middle dots, no-break
  // spaces read as spaces:
  // « Éco-conception » finds « eco conception », « cœur » « coeur »,
  // « usager·es » « usageres ».
  function plier(texte) {
    return texte
      .toLowerCase()
      .replace(/[\u00a0\u202f]/g, " ")
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae")
      .replace(/[·’]/g, function (c) {
        return c === "’" ? "'" : "";
      })
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "");
  }

  // The folded text, and for each of its characters the place of the
  // character it comes from in the original text: to highlight the words
  // found where the reader sees them.
  function plierAvecCarte(texte) {
    var plie = "";
    var debuts = [];
    var fins = [];
    var i = 0;
    for (var c of texte) {
      var p = plier(c);
      for (var k = 0; k < p.length; k++) {
        debuts.push(i);
        fins.push(i + c.length);
      }
      plie += p;
      i += c.length;
    }
    return { plie: plie, debuts: debuts, fins: fins };
  }

  // `M-01`, `sf-3`, `SE03`: an id, as letters and a number.
  var FORME_ID = /^([a-z]{1,3})-?0*(\d{1,3})$/;
  function cleId(texte) {
    var m = FORME_ID.exec(plier(texte));
    return m ? m[1] + "-" + (m[2] || "0") : null;
  }

  var entrees = donnees.entrees.map(function (e) {
    var ids = {};
    e[3].forEach(function (o) {
      var cle = o[1] ? cleId(o[1]) : null;
      if (cle) {
        ids[cle] = o[1];
      }
    });
    return { e: e, titre: plier(e[0]), texte: plier(e[1] + " " + e[2]), ids: ids };
  });

  function element(nom, classe, texte) {
    var el = document.createElement(nom);
    if (classe) {
      el.className = classe;
    }
    if (texte) {
      el.textContent = texte;
    }
    return el;
  }

  // Appends `texte` to `parent`, the words found in <mark>.
  function surligner(parent, texte, mots) {
    var carte = plierAvecCarte(texte);
    var plages = [];
    mots.forEach(function (mot) {
      var depart = 0;
      var at;
      while (mot.length > 0 && (at = carte.plie.indexOf(mot, depart)) >= 0) {
        plages.push([carte.debuts[at], carte.fins[at + mot.length - 1]]);
        depart = at + mot.length;
      }
    });
    plages.sort(function (a, b) {
      return a[0] - b[0];
    });
    var position = 0;
    plages.forEach(function (p) {
      if (p[1] <= position) {
        return;
      }
      var debut = Math.max(p[0], position);
      if (debut > position) {
        parent.appendChild(document.createTextNode(texte.slice(position, debut)));
      }
      parent.appendChild(element("mark", "", texte.slice(debut, p[1])));
      position = p[1];
    });
    if (position < texte.length) {
      parent.appendChild(document.createTextNode(texte.slice(position)));
    }
    return parent;
  }

  function adresse(o) {
    var doc = donnees.docs[o[0]];
    return doc[1] + (o[1] ? "#" + o[1] : "");
  }

  function resultat(trouve, requete) {
    var entree = trouve.x.e;
    var occurrences = entree[3];
    var li = element("li", "resultat");
    var titre = element("p", "resultat-titre");
    var lien = element("a");
    lien.href = adresse(occurrences[0]);
    titre.appendChild(surligner(lien, entree[0], requete.mots));
    li.appendChild(titre);
    var meta = surligner(element("p", "meta"), entree[1], requete.mots);
    Object.keys(trouve.x.ids).forEach(function (cle) {
      meta.appendChild(document.createTextNode(" · "));
      var id = element("span", "code", trouve.x.ids[cle]);
      if (requete.ids.indexOf(cle) >= 0) {
        var marque = element("mark");
        marque.appendChild(id);
        id = marque;
      }
      meta.appendChild(id);
    });
    li.appendChild(meta);
    if (entree[2]) {
      li.appendChild(surligner(element("p"), entree[2], requete.mots));
    }
    var ul = element("ul", "occurrences");
    ul.setAttribute("aria-label", "Où le trouver");
    occurrences.slice(0, MAX_LIENS).forEach(function (o) {
      var doc = donnees.docs[o[0]];
      var a = element("a", "", doc[0] + (o[1] && cleId(o[1]) ? " (" + o[1] + ")" : ""));
      a.href = adresse(o);
      var item = element("li");
      item.appendChild(a);
      ul.appendChild(item);
    });
    if (occurrences.length > MAX_LIENS) {
      ul.appendChild(element("li", "", "et dans " + (occurrences.length - MAX_LIENS) + " autre(s) document(s)"));
    }
    li.appendChild(ul);
    return li;
  }

  // The words of a query, and among its terms those that are ids.
  function lire(requete) {
    var mots = [];
    var ids = [];
    var termes = [];
    requete.split(/\s+/).forEach(function (terme) {
      var motsDuTerme = plier(terme).split(/[^a-z0-9]+/).filter(function (m) {
        return m.length > 0;
      });
      if (motsDuTerme.length === 0) {
        return;
      }
      var cle = cleId(terme);
      if (cle) {
        // An id is highlighted as an id, not as letters found anywhere.
        ids.push(cle);
      } else {
        mots = mots.concat(motsDuTerme);
      }
      termes.push({ id: cle, mots: motsDuTerme });
    });
    return { mots: mots, ids: ids, termes: termes };
  }

  // Each term must be found: an id among the entry's ids (best), or each
  // of its words in the title (better) or the text.
  function note(x, termes) {
    var score = 0;
    for (var t = 0; t < termes.length; t++) {
      var terme = termes[t];
      if (terme.id && x.ids[terme.id]) {
        score += 3;
        continue;
      }
      for (var i = 0; i < terme.mots.length; i++) {
        if (x.titre.indexOf(terme.mots[i]) >= 0) {
          score += 2;
        } else if (x.texte.indexOf(terme.mots[i]) >= 0) {
          score += 1;
        } else {
          return 0;
        }
      }
    }
    return score;
  }

  function chercher(texte) {
    var requete = lire(texte);
    liste.textContent = "";
    if (requete.termes.length === 0) {
      etat.textContent =
        "Saisissez un ou plusieurs mots, ou un identifiant (M-01, SF-03) : " +
        entrees.length +
        " documents, missions, compétences et lignes de rubriques (conditions d'exercice, relations…) sont indexés.";
      return;
    }
    var trouves = [];
    entrees.forEach(function (x) {
      var score = note(x, requete.termes);
      if (score > 0) {
        trouves.push({ x: x, score: score });
      }
    });
    trouves.sort(function (a, b) {
      if (b.score !== a.score) {
        return b.score - a.score;
      }
      return a.x.titre < b.x.titre ? -1 : a.x.titre > b.x.titre ? 1 : 0;
    });
    // French typography: narrow no-break spaces inside « » and before ;.
    var cite = "«\u202f" + texte + "\u202f»";
    if (trouves.length === 0) {
      etat.textContent = "Aucun résultat pour " + cite + ".";
    } else if (trouves.length > MAX_RESULTATS) {
      etat.textContent = trouves.length + " résultats pour " + cite + "\u202f; les " + MAX_RESULTATS + " plus pertinents sont affichés.";
    } else {
      etat.textContent = trouves.length + (trouves.length === 1 ? " résultat" : " résultats") + " pour " + cite + ".";
    }
    trouves.slice(0, MAX_RESULTATS).forEach(function (t) {
      liste.appendChild(resultat(t, requete));
    });
  }

  var attente = null;
  champ.addEventListener("input", function () {
    clearTimeout(attente);
    attente = setTimeout(function () {
      chercher(champ.value);
    }, 120);
  });
  if (champ.form) {
    champ.form.addEventListener("submit", function (evenement) {
      evenement.preventDefault();
      chercher(champ.value);
      try {
        history.replaceState(null, "", "?q=" + encodeURIComponent(champ.value));
      } catch (e) {
        // Some browsers refuse to change the address of a local file: the search still works.
      }
    });
  }
  var initiale = new URLSearchParams(window.location.search).get("q") || "";
  champ.value = initiale;
  chercher(initiale);
})();
