// Offline search of the site: competencies, missions and documents.
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

  var entrees = donnees.entrees.map(function (e) {
    return { e: e, titre: plier(e[0]), texte: plier(e[1] + " " + e[2]) };
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

  function resultat(entree) {
    var li = element("li", "resultat");
    li.appendChild(element("p", "resultat-titre", entree[0]));
    li.appendChild(element("p", "meta", entree[1]));
    if (entree[2]) {
      li.appendChild(element("p", "", entree[2]));
    }
    var occurrences = entree[3];
    var ul = element("ul", "occurrences");
    occurrences.slice(0, MAX_LIENS).forEach(function (o) {
      var doc = donnees.docs[o[0]];
      var a = element("a", "", doc[0] + (o[1] ? " (" + o[1] + ")" : ""));
      a.href = doc[1] + (o[1] ? "#" + o[1] : "");
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

  function chercher(requete) {
    var mots = plier(requete).split(/[^a-z0-9]+/).filter(function (m) {
      return m.length > 0;
    });
    liste.textContent = "";
    if (mots.length === 0) {
      etat.textContent = "Saisissez un ou plusieurs mots : " + entrees.length + " compétences, missions et documents sont indexés.";
      return;
    }
    var trouves = [];
    entrees.forEach(function (x) {
      var score = 0;
      for (var i = 0; i < mots.length; i++) {
        if (x.titre.indexOf(mots[i]) >= 0) {
          score += 2;
        } else if (x.texte.indexOf(mots[i]) >= 0) {
          score += 1;
        } else {
          return;
        }
      }
      trouves.push({ x: x, score: score });
    });
    trouves.sort(function (a, b) {
      if (b.score !== a.score) {
        return b.score - a.score;
      }
      return a.x.titre < b.x.titre ? -1 : a.x.titre > b.x.titre ? 1 : 0;
    });
    if (trouves.length === 0) {
      etat.textContent = "Aucun résultat pour « " + requete + " ».";
    } else if (trouves.length > MAX_RESULTATS) {
      etat.textContent = trouves.length + " résultats pour « " + requete + " » ; les " + MAX_RESULTATS + " plus pertinents sont affichés.";
    } else {
      etat.textContent = trouves.length + " résultat(s) pour « " + requete + " ».";
    }
    trouves.slice(0, MAX_RESULTATS).forEach(function (t) {
      liste.appendChild(resultat(t.x.e));
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
