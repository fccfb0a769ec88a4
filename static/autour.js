// « Autour de moi »: a progressive enhancement of the search form. Without
// JavaScript, or without geolocation, the button stays hidden and the form
// works as before (commune, postcode or address). Its sentences come from
// the page (data-* attributes), in the page's language.
(function () {
  var button = document.getElementById("autour");
  var message = document.getElementById("autour-message");
  if (!button || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    message.textContent = button.dataset.searching;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        var form = button.form;
        var params = new URLSearchParams(new FormData(form));
        params.delete("q");
        params.set("lat", position.coords.latitude.toFixed(5));
        params.set("lon", position.coords.longitude.toFixed(5));
        window.location.assign(form.action + "?" + params.toString());
      },
      function () {
        message.textContent = button.dataset.unavailable;
      },
      { timeout: 10000, maximumAge: 600000 }
    );
  });
})();
