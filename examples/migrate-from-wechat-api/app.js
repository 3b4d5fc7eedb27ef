// A program written for wechat-api 1.x. The only line changed to run it on @wx/compat is the require
// below (it was: var API = require('wechat-api');). Everything else is wechat-api 1.x code, as is.
//
// Needs WX_APPID, WX_SECRET and WX_OPENID (a follower who messaged the account in the last 48 hours);
// TOKEN_FILE is where the access token is shared (default ./access_token.txt).
var API = require('@wx/compat').API;
var fs = require('fs');
var path = require('path');

var tokenFile = process.env.TOKEN_FILE || path.join(__dirname, 'access_token.txt');
var openid = process.env.WX_OPENID;

var api = new API(process.env.WX_APPID, process.env.WX_SECRET, function (callback) {
  fs.readFile(tokenFile, 'utf8', function (err, txt) {
    if (err) { return callback(null, null); } // no token saved yet
    callback(null, JSON.parse(txt));
  });
}, function (token, callback) {
  fs.writeFile(tokenFile, JSON.stringify(token), callback);
});
api.setOpts({ timeout: 15000 });

function done(err) {
  if (err) {
    console.error(err.name === 'WeChatAPIError' ? 'WeChat said ' + err.code + ': ' + err.message : err);
    process.exitCode = 1;
  }
}

var menu = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    { type: 'view', name: '搜索', url: 'http://www.soso.com/' }
  ]
};

api.sendText(openid, 'Hello world', function (err, result) {
  if (err) { return done(err); }
  console.log('sendText:', result.errmsg);
  api.createMenu(menu, function (err, result) {
    if (err) { return done(err); }
    console.log('createMenu:', result.errmsg);
    api.getFollowers(function (err, result) {
      if (err) { return done(err); }
      console.log('getFollowers:', result.total, 'followers');
      api.uploadMedia(path.join(__dirname, 'photo.jpg'), 'image', function (err, result) {
        if (err) { return done(err); }
        console.log('uploadMedia:', result.type, result.media_id);
        api.createTmpQRCode(10000, 1800, function (err, result) {
          if (err) { return done(err); }
          console.log('createTmpQRCode:', api.showQRCodeURL(result.ticket));
          done();
        });
      });
    });
  });
});
